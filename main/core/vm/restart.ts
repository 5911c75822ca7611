// Restarting Finch's VM: `finch vm stop`, then `finch vm start`, each with a hard time limit, output streamed line
// by line. finch.yaml is read only at start, so this is how its changes take effect. The time of the start and
// finch.yaml's settings right after it are recorded (vm.json) for the vm-restart-pending check.
import type { VmLogLine, VmStatus } from '../../../shared/types';
import type { Env } from '../env';
import { Failure } from '../failure';
import { finch, vmNotCreated } from '../finch/finch';
import { finchLockWaitMs, whenNotRewriting } from '../finch/finch-lock';
import { parseVmStatus } from '../finch/finch-cli';
import { readTextIfExists } from '../files';
import { finchInvocation, type Invocation } from '../login/finch-invocation';
import { resolvePaths } from '../paths';
import { LineSplitter } from './line-splitter';
import { settingsDigest, updateVmRecord } from './vm-record';

/** Finch's own tests allow 90 s for a stop; a start takes 15–25 s on Apple hardware, much longer on first boot. */
export const vmStopTimeoutMs = 120_000;
export const vmStartTimeoutMs = 300_000;
const vmStatusTimeoutMs = 15_000;

function limit(env: Env, name: string, fallback: number): number {
  const v = Number(env.vars[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

/** FINCH_LOGINS_VM_STOP_TIMEOUT_MS / FINCH_LOGINS_VM_START_TIMEOUT_MS shorten the limits for tests and support. */
export function vmTimeouts(env: Env): { stopMs: number; startMs: number } {
  return { stopMs: limit(env, 'FINCH_LOGINS_VM_STOP_TIMEOUT_MS', vmStopTimeoutMs), startMs: limit(env, 'FINCH_LOGINS_VM_START_TIMEOUT_MS', vmStartTimeoutMs) };
}

/** A restart before `finch vm init`: nothing to restart (the fix refuses it too). */
export function vmMissing(): Failure {
  return new Failure('vm-missing', `${vmNotCreated}, so it cannot be restarted.`, 'Run `finch vm init` once in a terminal; it downloads and sets up the VM.');
}

function noVm(): Failure {
  return new Failure('no-vm', 'Finch on Linux runs containers directly on this machine: there is no VM to restart.');
}

export async function vmStatus(env: Env): Promise<VmStatus> {
  if (env.platform === 'linux') throw noVm();
  const r = await finch(finchInvocation(env, resolvePaths(env)), ['vm', 'status'], { timeoutMs: vmStatusTimeoutMs, expected: { failed: () => true } });
  return r.expected ? 'unknown' : parseVmStatus(r.stdout);
}

/** The commands a restart runs in this state (shown in the fix's preview). */
export function restartSteps(status: VmStatus): Array<'stop' | 'start'> {
  return status === 'running' ? ['stop', 'start'] : ['start'];
}

async function step(inv: Invocation, verb: 'stop' | 'start', timeoutMs: number, onLine: (l: VmLogLine) => void): Promise<void> {
  onLine({ line: `$ finch vm ${verb}`, stream: 'info' });
  const started = Date.now();
  const out = new LineSplitter((line) => onLine({ line, stream: 'stdout' }));
  const err = new LineSplitter((line) => onLine({ line, stream: 'stderr' }));
  try {
    await finch(inv, ['vm', verb], {
      timeoutMs,
      onOutput: (chunk, stream) => (stream === 'stdout' ? out : err).push(chunk),
      timeout: { kind: 'vm-timeout', hint: 'Run `finch vm status` in a terminal; if the VM is stuck, `finch vm stop --force` stops it.' },
      // Finch's own fatal line is what the user needs; the log above shows the rest.
      failure: (message, r) => new Failure('vm-failed', `\`finch vm ${verb}\` failed: ${message || `exit code ${r.code}`}`, 'The log above shows Finch\u2019s own messages.'),
    });
  } finally {
    out.flush();
    err.flush();
  }
  onLine({ line: `finch vm ${verb} finished in ${((Date.now() - started) / 1000).toFixed(1)} s`, stream: 'info' });
}

/** One restart at a time: a second stop/start racing the first would leave the VM in either state. */
let inFlight = false;

export async function restartVm(env: Env, onLine: (l: VmLogLine) => void): Promise<VmStatus> {
  if (env.platform === 'linux') throw noVm();
  if (inFlight) throw new Failure('vm-busy', 'The VM is already being restarted.', 'Wait for that restart to finish; its output is in the VM log.');
  inFlight = true;
  try {
    return await restartOnce(env, onLine);
  } finally {
    inFlight = false;
  }
}

async function restartOnce(env: Env, onLine: (l: VmLogLine) => void): Promise<VmStatus> {
  const paths = resolvePaths(env);
  const inv = finchInvocation(env, paths);
  const { stopMs, startMs } = vmTimeouts(env);
  const before = await vmStatus(env);
  if (before === 'nonexistent') {
    throw vmMissing();
  }
  for (const verb of restartSteps(before)) await step(inv, verb, verb === 'stop' ? stopMs : startMs, onLine);
  // Finch rewrites finch.yaml with its defaults while starting: record the settings as the VM now has them — read
  // when no other finch of ours (a status read meanwhile) is half-way through rewriting it.
  const yamlText = await whenNotRewriting(paths, finchLockWaitMs, () => readTextIfExists(paths.finchYaml)).catch(() => null);
  const digest = await settingsDigest(yamlText);
  await updateVmRecord(paths.stateDir, (r) => {
    r.lastStart = { at: env.now().toISOString(), settingsDigest: digest };
  });
  const after = await vmStatus(env);
  onLine({ line: `VM status: ${after}`, stream: 'info' });
  return after;
}
