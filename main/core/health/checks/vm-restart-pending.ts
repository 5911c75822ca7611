import { stat } from 'node:fs/promises';
import path from 'node:path';
import { helperBinary } from '../../credentials/helper';
import { readVmRecord, settingsDigest } from '../../vm/vm-record';
import { vmStartEvidence } from '../../vm/vm-start-evidence';
import type { CheckDefinition } from '../check-definition';
import { ok, skipped, warn, type FixLink } from '../verdict';
import { when } from '../when';

const restart: FixLink = { id: 'vm-restart', label: 'Restart the VM' };
const applies = 'The VM reads finch.yaml only when it starts, so the change has no effect until it is restarted.';

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

export const vmRestartPending: CheckDefinition = {
  id: 'vm-restart-pending',
  title: 'No VM restart pending',
  versions: 'macOS and Windows, all versions; skipped on Linux, which has no VM.',
  requires: ['finch-installed', 'finch-yaml-valid'],
  run: async ({ snap, env, paths }) => {
    if (env.platform === 'linux') return skipped('Finch on Linux has no VM to restart.');
    if (snap.finch.vm !== 'running') return ok(`The VM is not running (${snap.finch.vm}); it reads finch.yaml when it next starts.`);
    if (!snap.yaml.exists) return ok('There is no finch.yaml, so no setting waits for a restart.');

    // Direct evidence: Finch installs the helpers named in creds_helpers when the VM starts.
    const ecrCopy = path.join(paths.finchCredHelpersDir, helperBinary('ecr-login'));
    if (snap.yaml.credsHelpers.includes('ecr-login') && !(await isFile(ecrCopy))) {
      return warn(`finch.yaml lists ecr-login in creds_helpers, but Finch has not installed it yet (${ecrCopy} is missing). ${applies}`, restart);
    }

    const record = await readVmRecord(paths.stateDir);
    const start = await vmStartEvidence(env, paths, record);
    if (start?.ours && record.lastStart?.settingsDigest) {
      if ((await settingsDigest(snap.yaml.text)) !== record.lastStart.settingsDigest) {
        return warn(`finch.yaml\u2019s settings changed after Finch Logins restarted the VM at ${when(start.at)}. ${applies}`, restart);
      }
      return ok(`finch.yaml\u2019s settings are the same as when Finch Logins restarted the VM at ${when(start.at)}.`);
    }
    if (record.yamlChangedAt && (!start || Date.parse(record.yamlChangedAt) > start.at.getTime())) {
      const since = start ? `, after the VM started at ${when(start.at)} (based on ${start.basis})` : '';
      return warn(`A fix changed finch.yaml at ${when(record.yamlChangedAt)}${since}. ${applies}`, restart);
    }
    if (!start) {
      return ok(
        'It is not known when the VM started (Finch Logins has not restarted it, and Finch leaves no start time to read here), ' +
          'so a pending change cannot be detected. If you edited finch.yaml since starting the VM, restart it.',
      );
    }
    const mtime = (await stat(paths.finchYaml)).mtime;
    if (mtime.getTime() <= start.at.getTime()) {
      return ok(`finch.yaml has not been modified since the VM started at ${when(start.at)} (based on ${start.basis}).`);
    }
    // Finch rewrites finch.yaml on every command, so a newer modification time alone is no sign of a change.
    return ok(
      `finch.yaml was written at ${when(mtime)}, after the VM started at ${when(start.at)} (based on ${start.basis}), but Finch ` +
        'rewrites that file itself every time it runs, so this does not show a change of settings. If you edited it since, restart the VM.',
    );
  },
};
