// The messages issue 15 asked for: a state folder that cannot be written names the folder and the cause and leaves
// no partial backup; ecr-login-setup keeps the user's spacing; a password that is not UTF-8 is refused, not altered.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stdinText } from '../../main/cli/login-command';
import { toAppError } from '../../main/core/failure';
import { createBackup } from '../../main/core/fixes/backups';
import type { FileEdit } from '../../main/core/fixes/file-edit';
import { withCredsHelper } from '../../main/core/fixes/finch-yaml-edit';
import { tempDir } from '../support/sandbox-home';

// The disk fills up while the backup is written: writeFile fails with ENOSPC for the chosen files only.
const failing = vi.hoisted(() => ({ code: null as string | null }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...real,
    writeFile: (async (file: string, ...rest: unknown[]) => {
      if (failing.code && String(file).endsWith('.bak')) {
        throw Object.assign(new Error(`${failing.code}: simulated, write '${String(file)}'`), { code: failing.code, syscall: 'write', path: String(file) });
      }
      return (real.writeFile as (...a: unknown[]) => Promise<void>)(file, ...rest);
    }) as typeof real.writeFile,
  };
});
afterEach(() => void (failing.code = null));

const edit = (file: string): FileEdit => ({
  file,
  current: { kind: 'file', bytes: Buffer.from('{"auths":{}}'), mode: 0o600, uid: 0, gid: 0 },
  after: Buffer.from('{}'),
  mode: 0o600,
  dirMode: 0o700,
  kind: 'json',
  via: 'direct',
});

describe('a state folder that cannot be written', () => {
  it.each([
    ['ENOSPC', /the disk is full \(ENOSPC\)/, /Free some space/],
    ['EACCES', /permission denied \(EACCES\)/, /may write to it/],
  ])('%s: names the folder and the cause, not "a bug"; no partial backup is left', async (code, cause, hint) => {
    const stateDir = tempDir('finch-logins-state-');
    failing.code = code;
    const err = await createBackup(stateDir, 'migrate-plaintext', new Date(), [edit('/home/u/.finch/config.json')]).catch((e: unknown) => e);
    const shown = toAppError(err);
    expect(shown.kind).toBe('file-system');
    expect(shown.message).toContain(`Finch Logins' state folder ${stateDir}`);
    expect(shown.message).toMatch(cause);
    expect(shown.message).toMatch(/nothing was changed/);
    expect(shown.hint).toMatch(hint);
    expect(JSON.stringify(shown)).not.toMatch(/bug/i);
    expect(readdirSync(path.join(stateDir, 'backups'))).toEqual([]);
  });

  it('any EACCES that reaches the boundary names its file', () => {
    const e = Object.assign(new Error("EACCES: permission denied, open '/s/state.json'"), { code: 'EACCES', path: '/s/state.json' });
    expect(toAppError(e)).toMatchObject({ kind: 'file-system', message: '/s/state.json could not be written: permission denied (EACCES).' });
  });

  it('a folder that could not be read is said to be unreadable, not unwritable', () => {
    const e = Object.assign(new Error("EACCES: permission denied, scandir '/s/backups'"), { code: 'EACCES', syscall: 'scandir', path: '/s/backups' });
    expect(toAppError(e)).toMatchObject({ kind: 'file-system', message: '/s/backups could not be read: permission denied (EACCES).' });
  });
});

describe('ecr-login-setup keeps the user\u2019s spacing', () => {
  it('cpus: 4   # four stays as it was; only the new lines differ', async () => {
    const before = 'cpus: 4   # four\nmemory:    4GiB\t# mem\ncreds_helpers:\n  - osxkeychain   # keep\n';
    expect(await withCredsHelper(before, 'ecr-login')).toBe(`${before}  - ecr-login\n`);
  });
});

describe('a password on standard input that is not UTF-8', () => {
  // The built CLI with real bytes on its stdin: test/unit/cli-stdin-bytes.test.ts (build project).
  it('is refused clearly, never altered', () => {
    expect(() => stdinText(Buffer.from([0xff, 0xfe, 0x41, 0x42]))).toThrow(/not UTF-8 text \(4 bytes\).*will not change it/);
    expect(stdinText(Buffer.from('pässwörd\n'))).toBe('pässwörd\n');
  });
});
