// A helper's reply never shows the secret we sent it, and a store that fails is a failed fix.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { secretRemoved, withoutSecret } from '../../main/core/credentials/helper';
import type { FixResult } from '../../shared/types';
import { runCli } from '../support/cli';
import { hostileSandbox, layout } from '../support/hostile';

const secret = 's3cr3t "quoted" \\ back';

describe('withoutSecret', () => {
  it('removes the secret as sent inside our JSON, as typed, and base64-encoded', () => {
    const sent = JSON.stringify({ ServerURL: 'ghcr.io', Username: 'u', Secret: secret });
    expect(withoutSecret(`bad input: ${sent}`, secret)).toBe(`bad input: {"ServerURL":"ghcr.io","Username":"u","Secret":"${secretRemoved}"}`);
    expect(withoutSecret(`got ${secret}!`, secret)).toBe(`got ${secretRemoved}!`);
    expect(withoutSecret(`b64 ${Buffer.from(secret).toString('base64')}`, secret)).toBe(`b64 ${secretRemoved}`);
    expect(withoutSecret('nothing here', undefined)).toBe('nothing here');
  });
  it('removes a "Secret" value however it was re-escaped, and hides a reply that still holds a piece of it', () => {
    expect(withoutSecret('{"Secret":"s3cr3t \\"quoted\\" \\ back"}', secret)).toBe(`{"Secret":"${secretRemoved}"}`);
    expect(withoutSecret('echo: s3cr3t "quo', secret)).toBe('(not shown: it held part of the secret it was sent)');
  });
});

/** A keychain helper that answers get with "not found" and, on store, fails echoing what it was sent (as some do). */
const echoingStore = `#!/bin/sh
case "$1" in
  list) echo '{}';;
  get) echo "credentials not found in native keychain"; exit 1;;
  store) IFS= read -r j; printf 'invalid input: %s\n' "$j"; exit 1;;
  *) exit 1;;
esac
`;

describe('fix migrate-plaintext with a store that fails and echoes its input', () => {
  const config = JSON.stringify({ credsStore: 'osxkeychain', auths: { 'ghcr.io': { auth: Buffer.from(`u:${secret}`).toString('base64') } } }, null, 2);
  const sandbox = () => {
    const sb = hostileSandbox({ [layout.configJson]: config, [layout.finchYaml]: 'cpus: 2\n' });
    sb.write('bin/docker-credential-osxkeychain', echoingStore, 0o755);
    return sb;
  };

  it('text: the reason without the secret, no "Nothing was changed", exit 1, config.json untouched', async () => {
    const sb = sandbox();
    const r = await runCli(sb.vars, ['fix', 'migrate-plaintext', '--yes']);
    expect(r.code).toBe(1);
    const said = r.stdout + r.stderr;
    expect(said).toContain('The fix failed; no file was changed.');
    expect(said).toContain(`ghcr.io stayed in config.json: docker-credential-osxkeychain store failed: invalid input: {"ServerURL":"ghcr.io","Username":"u","Secret":"${secretRemoved}"}`);
    expect(said).not.toContain('Nothing was changed');
    expect(said).not.toContain('s3cr3t');
    expect(readFileSync(sb.file(layout.configJson), 'utf8')).toBe(config);
  });

  it('--json: complete false, the secret nowhere', async () => {
    const r = await runCli(sandbox().vars, ['fix', 'migrate-plaintext', '--yes', '--json']);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('s3cr3t');
    expect((JSON.parse(r.stdout) as { result: FixResult }).result).toMatchObject({ applied: false, complete: false, message: expect.stringMatching(/^The fix failed/) });
  });
});

describe('finch login that echoes the password on failure', () => {
  it('the message keeps finch\u2019s words and not the password', async () => {
    const sb = hostileSandbox({ [layout.configJson]: '{"auths": {}}' });
    sb.write('bin/finch', '#!/bin/sh\n[ "$1" = --version ] && { echo "finch version v1.19.0"; exit 0; }\nIFS= read -r p\necho "time=\\"x\\" level=fatal msg=\\"bad password $p\\"" >&2\nexit 1\n', 0o755);
    const r = await runCli(sb.vars, ['login', 'ghcr.io', '--username', 'u', '--password-stdin'], 'hunter2-secret');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`bad password ${secretRemoved}`);
    expect(r.stdout + r.stderr).not.toContain('hunter2');
  });
});
