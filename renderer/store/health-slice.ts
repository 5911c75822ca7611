// Health: the checks as last run, the Fix dialog's flow (preview → apply → result), Undo, and the VM restart with
// its live log. Checks run when the window opens, on demand, after anything here changed a file or the VM, and
// when main pushes a new status (a watched file changed on disk).
import type { StateCreator } from 'zustand';
import { vmRestartFixId, type CheckId, type FixId } from '../../shared/ids';
import type { AppError, Check, CheckStatus, FixPreview, FixResult, UndoResult, VmLogLine, VmStatus } from '../../shared/types';
import type { AppState } from './app-state';
import { bridge, bridgeCaller, noBridge } from './bridge';

/** Failing first: errors, then warnings, then what passed, then what could not run. */
export const checkOrder: Record<CheckStatus, number> = { error: 0, warn: 1, ok: 2, skipped: 3 };

export function sortChecks(checks: readonly Check[]): Check[] {
  // Array.prototype.sort is stable: within a status the checks keep the backend's order.
  return [...checks].sort((a, b) => checkOrder[a.status] - checkOrder[b.status]);
}

export interface CheckCounts {
  error: number;
  warn: number;
  ok: number;
  skipped: number;
}

export function countChecks(checks: readonly Check[]): CheckCounts {
  const counts: CheckCounts = { error: 0, warn: 0, ok: 0, skipped: 0 };
  for (const c of checks) counts[c.status]++;
  return counts;
}

/** The check that says finch.yaml changed since the VM started. */
export const restartCheckId: CheckId = 'vm-restart-pending';

/** The pending-restart check when it is not ok, else null. */
export function pendingRestart(checks: readonly Check[] | null): Check | null {
  const c = checks?.find((x) => x.id === restartCheckId);
  return c && (c.status === 'warn' || c.status === 'error') ? c : null;
}

export type FixPhase = 'loading' | 'preview' | 'applying' | 'done' | 'failed';

export interface FixFlow {
  fixId: FixId;
  /** The fix's label as the check offered it, shown until the preview brings the fix's own title. */
  label: string;
  /** The check the fix was opened from. */
  checkId: CheckId | null;
  phase: FixPhase;
  preview: FixPreview | null;
  result: FixResult | null;
  /** The failure of the preview (no preview yet) or of the apply (preview kept). */
  error: AppError | null;
}

export interface UndoState {
  phase: 'idle' | 'working' | 'done' | 'failed';
  result: UndoResult | null;
  error: AppError | null;
}

export interface VmRestartState {
  phase: 'idle' | 'restarting' | 'done' | 'failed';
  /** Every line main streamed (vmLog), newest last. */
  log: VmLogLine[];
  /** The VM's state after the last restart from this window. */
  result: VmStatus | null;
  error: AppError | null;
}

export interface HealthSlice {
  checks: Check[] | null;
  checksLoading: boolean;
  checksError: AppError | null;
  /** When the checks shown were run. */
  checkedAt: number | null;
  runChecks: () => Promise<void>;

  fix: FixFlow | null;
  openFix: (fix: { id: FixId; label: string }, checkId?: CheckId | null) => Promise<void>;
  /** Previews the open fix again (after the files changed since the preview). */
  previewAgain: () => Promise<void>;
  applyFix: () => Promise<void>;
  closeFix: () => void;

  undo: UndoState;
  undoLast: () => Promise<void>;
  dismissUndo: () => void;

  vm: VmRestartState;
  /** The "Restart the VM?" confirmation is showing. */
  vmConfirm: boolean;
  askVmRestart: () => void;
  cancelVmRestart: () => void;
  restartVm: () => Promise<void>;
  receiveVmLog: (line: VmLogLine) => void;
}

const call = bridgeCaller(noBridge);

/** Keeps the VM log bounded: a stuck start can print for minutes. */
const maxLogLines = 2000;

const idleUndo: UndoState = { phase: 'idle', result: null, error: null };
const idleVm: VmRestartState = { phase: 'idle', log: [], result: null, error: null };

export function createHealthSlice(): StateCreator<AppState, [], [], HealthSlice> {
  let latestRun = 0;
  return (set, get) => {
    /** After a change: the snapshot (header, registries) and every check, read again. */
    const afterChange = () => {
      void get().refresh();
      void get().runChecks();
    };

    const loadPreview = async (fixId: FixId) => {
      const r = await call('previewFix', (api) => api.previewFix({ fixId }));
      const flow = get().fix;
      if (!flow || flow.fixId !== fixId) return; // closed (or another opened) meanwhile
      set({
        fix: r.ok
          ? { ...flow, phase: 'preview', preview: r.value, result: null, error: null }
          : { ...flow, phase: 'failed', preview: null, result: null, error: r.error },
      });
    };

    return {
      checks: null,
      checksLoading: false,
      checksError: null,
      checkedAt: null,
      async runChecks() {
        const ticket = ++latestRun;
        set({ checksLoading: true });
        const r = await call('runChecks', (api) => api.runChecks());
        if (ticket !== latestRun) return; // a newer run is on its way; it ends the loading state
        set(
          r.ok
            ? { checks: r.value, checksError: null, checksLoading: false, checkedAt: Date.now() }
            : { checksError: r.error, checksLoading: false },
        );
      },

      fix: null,
      async openFix(fix, checkId = null) {
        // The VM restart runs through restartVm, whose output streams (applyFix's does not).
        if (fix.id === vmRestartFixId) {
          // The restart has its own confirmation and a live log in the VM panel.
          get().askVmRestart();
          return;
        }
        set({ fix: { fixId: fix.id, label: fix.label, checkId, phase: 'loading', preview: null, result: null, error: null } });
        await loadPreview(fix.id);
      },
      async previewAgain() {
        const flow = get().fix;
        if (!flow || flow.phase === 'applying') return;
        set({ fix: { ...flow, phase: 'loading', preview: null, result: null, error: null } });
        await loadPreview(flow.fixId);
      },
      async applyFix() {
        const flow = get().fix;
        if (!flow || flow.phase !== 'preview' || !flow.preview) return;
        const { fixId, token } = flow.preview;
        set({ fix: { ...flow, phase: 'applying' } });
        const r = await call('applyFix', (api) => api.applyFix({ fixId, token }));
        const now = get().fix;
        if (now && now.fixId === fixId) {
          set({ fix: r.ok ? { ...now, phase: 'done', result: r.value, error: null } : { ...now, phase: 'failed', error: r.error } });
        }
        if (r.ok) {
          // The rerun check first (it came with the answer), then everything.
          const check = r.value.check;
          if (check) set({ checks: (get().checks ?? []).map((c) => (c.id === check.id ? check : c)) });
          set({ undo: idleUndo });
          afterChange();
        }
      },
      closeFix() {
        if (get().fix?.phase === 'applying') return; // the write is under way: the dialog stays until it ends
        set({ fix: null });
      },

      undo: idleUndo,
      async undoLast() {
        if (get().undo.phase === 'working') return;
        set({ undo: { phase: 'working', result: null, error: null } });
        const r = await call('undo', (api) => api.undo());
        set({ undo: r.ok ? { phase: 'done', result: r.value, error: null } : { phase: 'failed', result: null, error: r.error } });
        if (r.ok) afterChange();
      },
      dismissUndo() {
        if (get().undo.phase !== 'working') set({ undo: idleUndo });
      },

      vm: idleVm,
      vmConfirm: false,
      askVmRestart() {
        if (get().vm.phase !== 'restarting') set({ vmConfirm: true });
      },
      cancelVmRestart() {
        set({ vmConfirm: false });
      },
      async restartVm() {
        if (get().vm.phase === 'restarting') return;
        set({ vmConfirm: false, vm: { phase: 'restarting', log: [], result: null, error: null } });
        const r = await call('restartVm', (api) => api.restartVm());
        const { log } = get().vm;
        set({ vm: r.ok ? { phase: 'done', log, result: r.value, error: null } : { phase: 'failed', log, result: null, error: r.error } });
        afterChange();
      },
      receiveVmLog(line) {
        const { vm } = get();
        const log = vm.log.length >= maxLogLines ? [...vm.log.slice(vm.log.length - maxLogLines + 1), line] : [...vm.log, line];
        set({ vm: { ...vm, log } });
      },
    };
  };
}

/** How long after a pushed status the checks rerun: a burst of file changes gives one run. */
const rerunDelayMs = 400;

/**
 * Runs the checks once the first status read has settled, reruns them when main pushes a new status, and feeds the
 * VM log from main's vmLog events. Returns the unsubscribe.
 */
export function startHealthSync(get: () => AppState, firstStatus: Promise<unknown>): () => void {
  void firstStatus.finally(() => void get().runChecks());
  const api = bridge();
  if (!api) return () => undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const offStatus = api.on('statusChanged', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const s = get();
      // A fix, an undo or a restart under way reruns the checks itself when it ends.
      if (s.fix?.phase === 'applying' || s.undo.phase === 'working' || s.vm.phase === 'restarting') return;
      void s.runChecks();
    }, rerunDelayMs);
  });
  const offLog = api.on('vmLog', (line) => get().receiveVmLog(line));
  return () => {
    clearTimeout(timer);
    offStatus();
    offLog();
  };
}
