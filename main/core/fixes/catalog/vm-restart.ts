import { Failure } from '../../failure';
import { restartSteps, restartVm, vmMissing } from '../../vm/restart';
import type { FixDefinition } from '../fix-definition';

export const vmRestartFix: FixDefinition = {
  id: 'vm-restart',
  title: 'Restart the Finch VM',
  versions: 'macOS and Windows, all versions; refused on Linux, which has no VM.',
  checkId: 'finch-vm-running',
  async plan({ env, paths, snap, onVmLine }) {
    if (env.platform === 'linux') throw new Failure('fix-not-applicable', 'Finch on Linux has no VM to restart.');
    // A restart is for Finch to read finch.yaml; every finch command fails while it does not parse (pkg/config
    // config.go Load; FACTS.md), and one it does parse but we refuse (a helper path, an alias bomb) is not to be
    // acted on. Stopping the VM for that would only stop the user's containers.
    if (!snap.yaml.valid) {
      const problem = snap.problems.find((p) => p.file === paths.finchYaml)?.message ?? 'it could not be understood.';
      throw new Failure('file-invalid', `${paths.finchYaml}: the VM was not restarted: ${problem}`, 'Fix the file in a text editor, then try again.');
    }
    if (snap.finch.vm === 'nonexistent') throw vmMissing();
    const steps = restartSteps(snap.finch.vm);
    return {
      explanation:
        (steps.length === 2
          ? 'The VM is stopped and started again, so Finch reads finch.yaml and installs the helpers it lists. Running containers stop.'
          : 'The VM is started; it reads finch.yaml as it starts.') + ' This takes up to a few minutes; the output is shown as it comes.',
      edits: [],
      commands: steps.map((s) => `finch vm ${s}`),
      needsVmRestart: false,
      finish: async () => `The VM is ${await restartVm(env, onVmLine)}.`,
    };
  },
};
