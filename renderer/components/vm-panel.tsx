// Finch's VM in the Health view: its state (from the status snapshot), Restart (after a confirmation: running
// containers stop), and the live output of the restart as main streams it (vmLog).
import { useEffect, useRef } from 'react';
import type { Status, VmLogLine, VmStatus } from '../../shared/types';
import { vmLabel, vmTone } from '../format';
import { useAppStore } from '../store';
import { Command } from './command';
import { Dialog } from './dialog';
import { busyAttrs } from './focus';
import { ErrorCallout } from './error-notice';
import { Inline } from './health-text';
import { RefreshIcon, RestartIcon } from './icons';
import { StatePill } from './state-pill';

/** The commands a restart runs from this state (as main's restartSteps). */
function restartCommands(vm: VmStatus): string[] {
  return vm === 'running' ? ['finch vm stop', 'finch vm start'] : ['finch vm start'];
}

/** Whether the window can offer a restart, and if not, why. */
export function restartBlocked(status: Status | null): string | null {
  if (!status) return 'Reading Finch’s state…';
  if (status.platform === 'linux') return 'Finch on Linux runs containers directly on this machine: there is no VM.';
  if (!status.finch.path) return 'Finch is not installed.';
  if (status.finch.vm === 'nonexistent') return 'The VM has not been created yet: run `finch vm init` once in a terminal.';
  return null;
}

export function VmPanel({ status, home }: { status: Status; home: string | null }) {
  const vm = useAppStore((s) => s.vm);
  const ask = useAppStore((s) => s.askVmRestart);
  const restarting = vm.phase === 'restarting';
  const blocked = restartBlocked(status);
  const linux = status.platform === 'linux';
  const ref = useRef<HTMLElement>(null);

  useEffect(() => {
    // A restart started from the banner (or a fix) brings its log into view.
    if (restarting) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [restarting]);

  return (
    <section ref={ref} className="vm-panel" aria-labelledby="vm-heading">
      <div className="vm-head">
        <div className="vm-title">
          <h2 id="vm-heading">Virtual machine</h2>
          {!linux && status.finch.path && (
            <span aria-label="VM status" role="status">
              {restarting ? (
                <StatePill tone="info" label="Restarting…" />
              ) : (
                <StatePill tone={vmTone[status.finch.vm]} label={vmLabel[status.finch.vm]} />
              )}
            </span>
          )}
        </div>
        {!linux && (
          <button
            type="button"
            className="button"
            onClick={() => !restarting && ask()}
            disabled={!!blocked}
            {...busyAttrs(restarting)}
            aria-busy={restarting}
            title={blocked ?? 'Stop and start Finch’s VM, so it reads finch.yaml again'}
          >
            {restarting ? <RefreshIcon className="spin" /> : <RestartIcon />}
            {restarting ? 'Restarting…' : 'Restart VM…'}
          </button>
        )}
      </div>
      <p className="vm-sub">
        {linux ? (
          'Finch on Linux runs containers directly on this machine: there is no VM to restart.'
        ) : blocked && status.finch.vm === 'nonexistent' ? (
          <Inline text={blocked} home={home} />
        ) : (
          'Finch runs containers in a virtual machine, which reads finch.yaml when it starts. Restarting stops running containers.'
        )}
      </p>

      {vm.phase === 'done' && vm.result && (
        <p className="vm-outcome" role="status">
          Restart finished: the VM is <strong>{vmLabel[vm.result].toLowerCase()}</strong>.
        </p>
      )}
      {vm.phase === 'failed' && vm.error && <ErrorCallout title="The restart did not finish" error={vm.error} home={home} />}
      {(restarting || vm.log.length > 0) && <VmLog lines={vm.log} live={restarting} />}
    </section>
  );
}

/** Finch's logrus lines (`time="…" level=info msg="…"`) read as "info  …"; anything else as it came. */
function readLine(l: VmLogLine): { level: string | null; text: string } {
  const m = /^time="[^"]*"\s+level=(\w+)\s+msg=(.*)$/.exec(l.line);
  if (!m) return { level: null, text: l.line };
  let msg = m[2]!;
  if (msg.startsWith('"') && msg.endsWith('"')) {
    try {
      msg = JSON.parse(msg) as string;
    } catch {
      msg = msg.slice(1, -1);
    }
  }
  return { level: m[1]!, text: msg };
}

function VmLog({ lines, live }: { lines: VmLogLine[]; live: boolean }) {
  const ref = useRef<HTMLPreElement>(null);
  const stick = useRef(true);

  useEffect(() => {
    // Follows the output, unless the user scrolled up to read.
    const el = ref.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [lines.length]);

  return (
    <pre
      ref={ref}
      className="vm-log"
      role="log"
      aria-label="VM log"
      aria-live="polite"
      aria-busy={live}
      tabIndex={0}
      onScroll={(e) => {
        const el = e.currentTarget;
        stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
      }}
    >
      {lines.map((l, i) => {
        const { level, text } = readLine(l);
        const bad = level === 'error' || level === 'fatal' || level === 'panic';
        const cls = ['vm-line', `vm-line-${l.stream}`, bad ? 'vm-line-bad' : ''].filter(Boolean).join(' ');
        return (
          <span key={i} className={cls} title={level ? l.line : undefined}>
            {level && <span className="vm-level">{level}</span>}
            {text}
          </span>
        );
      })}
      {live && (
        <span className="vm-line vm-line-info vm-cursor" aria-hidden="true">
          …
        </span>
      )}
    </pre>
  );
}

/** "Restart the Finch VM?": mounted once for the whole window (the banner, the panel and the fixes ask for it). */
export function VmRestartConfirm() {
  const open = useAppStore((s) => s.vmConfirm);
  const status = useAppStore((s) => s.status);
  const cancel = useAppStore((s) => s.cancelVmRestart);
  const restart = useAppStore((s) => s.restartVm);
  if (!open) return null;
  const vm = status?.finch.vm ?? 'unknown';
  const blocked = restartBlocked(status);
  return (
    <Dialog labelledBy="vm-confirm-title" onClose={cancel} className="confirm-dialog" returnFocus={(opener) => (opener?.isConnected ? opener : document.querySelector<HTMLElement>('.vm-log'))}>
      <header className="modal-head">
        <h2 id="vm-confirm-title">{vm === 'running' ? 'Restart the Finch VM?' : 'Start the Finch VM?'}</h2>
      </header>
      <div className="modal-scroll">
        <p>
          {vm === 'running'
            ? 'Running containers stop, and Finch cannot pull, build or run anything until the VM is back. This usually takes under a minute, longer on a slow machine.'
            : 'The VM starts and reads finch.yaml. This usually takes under a minute.'}
        </p>
        <ol className="fix-commands">
          {restartCommands(vm).map((c) => (
            <li key={c}>
              <Command text={c} />
            </li>
          ))}
        </ol>
        {blocked && (
          <p className="callout-hint">
            <Inline text={blocked} home={null} />
          </p>
        )}
      </div>
      <footer className="modal-foot">
        <span className="modal-foot-space" />
        <button type="button" className="button" onClick={cancel} autoFocus>
          Cancel
        </button>
        <button type="button" className="button button-destructive" onClick={() => void restart()} disabled={!!blocked}>
          {vm === 'running' ? 'Restart VM' : 'Start VM'}
        </button>
      </footer>
    </Dialog>
  );
}
