// The built CLI (out/, build project) given a password on stdin that is not UTF-8: refused before finch could run,
// never altered (the rule itself: hostile-messages.test.ts).
import { describe, expect, it } from 'vitest';
import { spawnCli } from '../support/cli';
import { makeSandbox } from '../support/sandbox-home';

describe('a password on standard input that is not UTF-8', () => {
  it('the built CLI reads real bytes on its stdin and refuses them (exit 1), before finch could run', async () => {
    const sb = makeSandbox({ platform: 'linux' });
    const r = await spawnCli(sb.vars, ['login', 'ghcr.io', '--username', 'u', '--password-stdin'], Buffer.from([0xff, 0xfe, 0x41, 0x42]) as unknown as string);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^finch-logins: The password read from standard input is not UTF-8 text \(4 bytes\)/);
  });
});
