// The shell watches the handler table it serves: while a login, a check or a VM restart runs (from the window or
// the tray) the tray shows "busy"; after any call that may have changed something, the status is re-read at once
// (the file watch would see most changes too, but not a VM restart); a fix that needs a VM restart marks the
// tray's Restart VM item until the VM has restarted. Electron-free, unit-tested.
import type { Channel } from '../../shared/contract';
import type { Check, FixResult, VmStatus } from '../../shared/types';
import type { CheckId } from '../../shared/ids';
import type { Handlers } from '../core/handlers';

/** Calls that take a while and change logins or the VM: the tray shows "busy" while one runs. */
export const busyChannels: ReadonlySet<Channel> = new Set<Channel>(['login', 'loginAll', 'logout', 'ssoLogin', 'restartVm', 'runChecks', 'applyFix', 'undo']);
/** Calls after which the status is re-read. */
export const changingChannels: ReadonlySet<Channel> = new Set<Channel>([
  'login', 'loginAll', 'logout', 'setProfile', 'addRegistry', 'addEcrFromProfile', 'ssoLogin', 'applyFix', 'undo', 'restartVm',
  'ssoAddRegistries',
]);

/** main/core/health/checks/vm-restart-pending.ts */
export const vmRestartCheckId: CheckId = 'vm-restart-pending';

export interface HandlerObserver {
  onBusyChange(busy: boolean): void;
  onChanged(): void;
  onRestartPending(pending: boolean): void;
}

/** Restart pending after this call? (undefined: unchanged) */
export function restartPendingAfter(channel: Channel, result: unknown): boolean | undefined {
  if (channel === 'applyFix') {
    const r = result as FixResult;
    return r.applied && r.needsVmRestart ? true : undefined;
  }
  if (channel === 'restartVm') return (result as VmStatus) === 'running' ? false : undefined;
  if (channel === 'runChecks') {
    // The health check knows across app restarts (it keeps a record of VM starts and finch.yaml fixes).
    const check = (result as Check[]).find((c) => c.id === vmRestartCheckId);
    if (check?.status === 'warn' || check?.status === 'error') return true;
    if (check?.status === 'ok' || check?.status === 'skipped') return false;
  }
  return undefined;
}

export function observeHandlers(handlers: Handlers, observer: HandlerObserver): Handlers {
  let running = 0;
  const wrapped = {} as Record<Channel, (request: unknown) => Promise<unknown>>;
  for (const name of Object.keys(handlers) as Channel[]) {
    const handler = handlers[name] as (request: unknown) => Promise<unknown>;
    const busy = busyChannels.has(name);
    wrapped[name] = async (request) => {
      if (busy && running++ === 0) observer.onBusyChange(true);
      try {
        const result = await handler(request);
        const pending = restartPendingAfter(name, result);
        if (pending !== undefined) observer.onRestartPending(pending);
        return result;
      } finally {
        if (busy && --running === 0) observer.onBusyChange(false);
        if (changingChannels.has(name)) observer.onChanged();
      }
    };
  }
  return wrapped as unknown as Handlers;
}
