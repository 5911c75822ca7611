import { hostLoginSince, vmNotCreated } from '../../finch/finch';
import { compareVersions } from '../../finch/finch-cli';
import { finchName } from '../../finch/finch-rules';
import type { CheckDefinition } from '../check-definition';
import { error, ok, skipped, warn } from '../verdict';

export const finchVmRunning: CheckDefinition = {
  id: 'finch-vm-running',
  title: 'Finch VM is running',
  versions: 'macOS and Windows, all versions (an error before 1.15.0, a warning up to 1.17, fine from 1.18.0 with auto_vm_start); skipped on Linux, which has no VM.',
  requires: ['finch-installed'],
  run: ({ snap, env, rules }) => {
    if (env.platform === 'linux') {
      return skipped('Finch on Linux runs containers directly on this machine: there is no VM to check.');
    }
    const loginNeedsVm = !!snap.finch.version && compareVersions(snap.finch.version, hostLoginSince) < 0;
    switch (snap.finch.vm) {
      case 'running':
        return ok('The VM is running.');
      case 'stopped': {
        // Finch ≥ 1.18 starts a stopped VM by itself when a command needs it (auto_vm_start, on unless set to false).
        if (rules.autoVmStart && snap.yaml.autoVmStart !== false && !loginNeedsVm) {
          return ok(`The Finch VM is stopped; ${finchName(rules)} starts it by itself at the first command that needs it (auto_vm_start).`);
        }
        const why = loginNeedsVm
          ? `Finch ${snap.finch.version} logs in inside the VM, so logins fail until it runs.`
          : 'Logins still work, but pulls, builds and runs wait until it is started.';
        const detail = `The Finch VM is stopped. ${why} Start it here or with \`finch vm start\`.`;
        return (loginNeedsVm ? error : warn)(detail, { id: 'vm-restart', label: 'Start the VM' });
      }
      case 'nonexistent':
        return error(
          `${vmNotCreated}, so Finch cannot pull or run anything. Run \`finch vm init\` once in a ` +
            'terminal (it downloads and sets up the VM; this takes a few minutes).',
        );
      case 'unknown':
        return warn('`finch vm status` did not answer, so the VM\u2019s state is unknown. Run `finch vm status` in a terminal to see why.');
    }
  },
};
