import { Failure } from '../../failure';
import { restartSteps, restartVm, vmMissing } from '../../vm/restart';
import type { FixDefinition } from '../fix-definition';

export const vmRestartFix: FixDefinition = {
  id: 'vm-restart',
  title: 'Restart the Finch VM',
  checkId: 'finch-vm-running',
  async plan({ env, snap, onVmLine }) {
    if (env.platform === 'linux') throw new Failure('fix-not-applicable', 'Finch on Linux has no VM to restart.');
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
