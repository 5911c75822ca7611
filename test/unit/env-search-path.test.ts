// The search path per OS: Windows spells it `Path` (any case works there), and a child must get exactly one key
// holding the user's folders plus ours — not a second `PATH` holding only ours (issue 11, point 1).
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pathKey, searchPath, withSearchPath, type Env } from '../../main/core/env';
import { resolvePaths } from '../../main/core/paths';
import { childEnv, findExecutable, startupSearchPath } from '../../main/core/process/find-executable';
import { tempDir } from '../support/sandbox-home';

// The separator is this machine's (children run here): ';' on Windows. Folders are written without a drive letter
// so that the same values split the same way on the Linux machines the tests run on.
const d = path.delimiter;
const envOf = (platform: Env['platform'], vars: Record<string, string | undefined>): Env => ({ platform, vars, home: '/h', isRoot: false, now: () => new Date() });
const pathKeys = (vars: Record<string, unknown>) => Object.keys(vars).filter((k) => k.toUpperCase() === 'PATH');

describe('the search path variable', () => {
  it.each(['Path', 'PATH', 'path'])('Windows: found as %s, and written back under that one name', (name) => {
    const env = envOf('win32', { [name]: ['\\Windows\\system32', '\\Program Files\\Amazon\\AWSCLIV2'].join(d), LOCALAPPDATA: '\\Users\\u\\AppData\\Local' });
    expect(pathKey(env)).toBe(name);
    expect(searchPath(env)).toEqual(['\\Windows\\system32', '\\Program Files\\Amazon\\AWSCLIV2']);
    const child = childEnv(env, resolvePaths(env));
    expect(pathKeys(child)).toEqual([name]);
    expect(child[name]!.split(d)).toEqual(['\\Windows\\system32', '\\Program Files\\Amazon\\AWSCLIV2', '/Program Files/Finch/bin']);
    expect(child.LOCALAPPDATA).toBe('\\Users\\u\\AppData\\Local');
  });

  it('Windows: two spellings become one key, the first holding a value', () => {
    const env = envOf('win32', { Path: '\\a', PATH: '\\b' });
    const out = withSearchPath(env, ['\\a', '\\x']);
    expect(pathKeys(out)).toEqual(['Path']);
    expect(out.Path).toBe(['\\a', '\\x'].join(d));
  });

  it('Windows without any search path: written as Path, the way Windows spells it', () => {
    const env = envOf('win32', {});
    expect(pathKey(env)).toBe('Path');
    expect(pathKeys(childEnv(env, resolvePaths(env)))).toEqual(['Path']);
  });

  it('macOS and Linux: PATH is case-sensitive, a variable called Path is someone else\u2019s', () => {
    for (const platform of ['darwin', 'linux'] as const) {
      const env = envOf(platform, { PATH: '/usr/bin', Path: 'unrelated' });
      expect(pathKey(env)).toBe('PATH');
      const child = childEnv(env, resolvePaths(env));
      expect(child.Path).toBe('unrelated');
      expect(child.PATH!.split(d)[0]).toBe('/usr/bin');
    }
  });

  it('finds a program on a Windows-spelled Path (finch.exe first)', () => {
    const dir = tempDir('fl-path-');
    mkdirSync(path.join(dir, 'bin'));
    for (const f of ['aws.exe', 'aws']) {
      writeFileSync(path.join(dir, 'bin', f), '');
      chmodSync(path.join(dir, 'bin', f), 0o755);
    }
    const env = envOf('win32', { Path: path.join(dir, 'bin') });
    expect(findExecutable('aws', env, resolvePaths(env))).toBe(path.join(dir, 'bin', 'aws.exe'));
    expect(findExecutable('aws', envOf('win32', { PATH: path.join(dir, 'bin') }), resolvePaths(env))).toBe(path.join(dir, 'bin', 'aws.exe'));
  });
});

describe('the app\u2019s own PATH at start-up (macOS from the Dock)', () => {
  const launchd = ['/usr/bin', '/bin', '/usr/sbin', '/sbin'].join(d);

  it('macOS: launchd\u2019s PATH gets /usr/local/bin, /opt/finch/bin and /opt/homebrew/bin, after its own folders', () => {
    const env = envOf('darwin', { PATH: launchd });
    expect(startupSearchPath(env, resolvePaths(env))).toEqual({
      name: 'PATH',
      value: ['/usr/bin', '/bin', '/usr/sbin', '/sbin', '/usr/local/bin', '/opt/finch/bin', '/opt/homebrew/bin'].join(d),
    });
  });

  it('macOS: a PATH that has them all (started from a terminal) is left alone; one that lacks some gets those', () => {
    const full = envOf('darwin', { PATH: ['/opt/homebrew/bin', '/usr/local/bin', '/opt/finch/bin', '/usr/bin'].join(d) });
    expect(startupSearchPath(full, resolvePaths(full))).toBeNull();
    const some = envOf('darwin', { PATH: ['/opt/homebrew/bin', '/usr/bin'].join(d) });
    expect(startupSearchPath(some, resolvePaths(some))?.value).toBe(['/opt/homebrew/bin', '/usr/bin', '/usr/local/bin', '/opt/finch/bin'].join(d));
  });

  it('macOS with no PATH at all still gets the folders', () => {
    const env = envOf('darwin', {});
    expect(startupSearchPath(env, resolvePaths(env))?.value).toBe(['/usr/local/bin', '/opt/finch/bin', '/opt/homebrew/bin'].join(d));
  });

  it('Windows and Linux: the app\u2019s own PATH is not changed', () => {
    for (const platform of ['win32', 'linux'] as const) {
      const env = envOf(platform, { PATH: '/usr/bin' });
      expect(startupSearchPath(env, resolvePaths(env))).toBeNull();
    }
  });
});
