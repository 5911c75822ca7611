// The auto-renew scheduler: keeps one timer armed for the next due renewal (from renewPlan), logs in to the due
// registries one after another when it fires, and reports each attempt. Electron-free; the shell feeds it every
// new status and turns the reports into notifications.
import type { LoginOutcome, Registry } from '../../../shared/types';
import { holdAfter, minute, renewPlan, type Hold, type RenewPolicy } from './schedule';

export interface RenewReport {
  host: string;
  outcome: LoginOutcome;
  /** 1 for the first failure of this login, 2 for the retry after it …; 0 for a success. */
  failures: number;
}

export interface RenewerDeps {
  login(host: string): Promise<LoginOutcome>;
  /** Called once per run with every attempt made. */
  onReports(reports: RenewReport[]): void;
  now?: () => number;
  /**
   * Longest single wait. Timers do not count time asleep, so a 9-hour timer set before closing the lid would
   * fire hours late: waking up every few minutes to re-plan against the wall clock keeps renewals on time.
   */
  maxSleepMs?: number;
}

export interface Renewer {
  /** New registries or settings: re-plan and re-arm. */
  update(registries: readonly Registry[], policy: RenewPolicy): void;
  /** Renews whatever is due now (the timer calls this; the shell may too, e.g. after the machine wakes). */
  runDue(): Promise<RenewReport[]>;
  /** When the timer will next fire (epoch ms), for tests and the tray. */
  nextWakeAt(): number | null;
  stop(): void;
}

export function createRenewer(deps: RenewerDeps): Renewer {
  const now = deps.now ?? Date.now;
  const maxSleepMs = deps.maxSleepMs ?? 5 * minute;
  const holds = new Map<string, Hold>();
  let registries: readonly Registry[] = [];
  let policy: RenewPolicy = { all: false, hosts: [], leadMs: 30 * minute };
  let timer: ReturnType<typeof setTimeout> | null = null;
  let wakeAt: number | null = null;
  let running: Promise<RenewReport[]> | null = null;
  let stopped = false;

  const arm = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    wakeAt = null;
    if (stopped || running) return; // runDue re-arms when it finishes
    const plan = renewPlan(registries, policy, now(), holds);
    if (plan.due.length === 0 && plan.nextAt === null) return;
    const delay = plan.due.length > 0 ? 0 : Math.min(maxSleepMs, Math.max(0, plan.nextAt! - now()));
    wakeAt = now() + delay;
    timer = setTimeout(() => void runDue(), delay);
    (timer as { unref?: () => void }).unref?.();
  };

  const runOnce = async (): Promise<RenewReport[]> => {
    const plan = renewPlan(registries, policy, now(), holds);
    const reports: RenewReport[] = [];
    for (const host of plan.due) {
      if (stopped) break;
      const entry = plan.entries.find((e) => e.host === host)!;
      let outcome: LoginOutcome;
      try {
        outcome = await deps.login(host);
      } catch (e) {
        outcome = { host, result: 'failed', error: { kind: 'internal', message: e instanceof Error ? e.message : String(e) } };
      }
      const errorKind = outcome.result === 'logged-in' ? null : (outcome.error?.kind ?? 'login-failed');
      const hold = holdAfter(errorKind, holds.get(host), entry.expiresAt, now());
      holds.set(host, hold);
      reports.push({ host, outcome, failures: hold.failures });
    }
    return reports;
  };

  const runDue = (): Promise<RenewReport[]> => {
    if (running) return running;
    if (timer) clearTimeout(timer);
    timer = null;
    running = runOnce().then((reports) => {
      running = null;
      try {
        if (reports.length > 0 && !stopped) deps.onReports(reports);
      } finally {
        arm();
      }
      return reports;
    });
    return running;
  };

  return {
    update(next, nextPolicy) {
      registries = next;
      policy = nextPolicy;
      // Holds of logins that are gone or replaced are forgotten.
      for (const [host, hold] of holds) {
        if (!next.some((r) => r.host === host && r.expiresAt === hold.expiresAt)) holds.delete(host);
      }
      arm();
    },
    runDue,
    nextWakeAt: () => wakeAt,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      wakeAt = null;
    },
  };
}
