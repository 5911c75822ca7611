// The preview's unified diff: minimal, applicable by patch(1), and never showing a secret.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeChange } from '../../main/core/fixes/file-edit';
import { maskSecrets } from '../../main/core/fixes/mask-secrets';
import { diffLines, splitLines, unifiedDiff } from '../../main/core/fixes/unified-diff';
import { tempDir } from '../support/sandbox-home';

/** Deterministic pseudo-random numbers, so a failure can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}
function lcsLength(a: string[], b: string[]): number {
  const dp = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) dp[i]![j] = a[i - 1] === b[j - 1] ? dp[i - 1]![j - 1]! + 1 : Math.max(dp[i - 1]![j]!, dp[i]![j - 1]!);
  return dp[a.length]![b.length]!;
}
function randomText(r: () => number): string {
  const n = Math.floor(r() * 14);
  const lines = Array.from({ length: n }, () => 'abcde'[Math.floor(r() * 5)]!);
  return lines.join('\n') + (n > 0 && r() < 0.7 ? '\n' : '');
}

describe('diffLines', () => {
  it('rebuilds both sides and keeps a longest common subsequence (minimal), over 500 random pairs', () => {
    const r = rng(42);
    for (let i = 0; i < 500; i++) {
      const a = splitLines(randomText(r));
      const b = splitLines(randomText(r));
      const ops = diffLines(a, b);
      expect(ops.filter((o) => o.kind !== '+').map((o) => o.line)).toEqual(a);
      expect(ops.filter((o) => o.kind !== '-').map((o) => o.line)).toEqual(b);
      expect(ops.filter((o) => o.kind === ' ').length).toBe(lcsLength(a, b));
    }
  });
});

describe('unifiedDiff', () => {
  it('prints hunks with three lines of context, like diff -u', () => {
    const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'].join('\n') + '\n';
    const after = before.replace('b\n', 'B\n').replace('k\n', '');
    expect(unifiedDiff(before, after, { from: 'x', to: 'x' })).toBe(
      ['--- x', '+++ x', '@@ -1,5 +1,5 @@', ' a', '-b', '+B', ' c', ' d', ' e', '@@ -8,5 +8,4 @@', ' h', ' i', ' j', '-k', ' l', ''].join('\n'),
    );
    expect(unifiedDiff(before, before, { from: 'x', to: 'x' })).toBe('');
  });

  it('marks a missing final newline and shows a new file against /dev/null', () => {
    expect(unifiedDiff('{}', '{}\n', { from: 'f', to: 'f' })).toBe(['--- f', '+++ f', '@@ -1,1 +1,1 @@', '-{}', '\\ No newline at end of file', '+{}', ''].join('\n'));
    expect(unifiedDiff('', 'a\n', { from: '/dev/null', to: 'f' })).toBe(['--- /dev/null', '+++ f', '@@ -0,0 +1,1 @@', '+a', ''].join('\n'));
  });

  it('patch(1) turns the old text into the new one with it, over 200 random pairs', () => {
    const dir = tempDir('fl-diff-');
    const r = rng(7);
    for (let i = 0; i < 200; i++) {
      const before = randomText(r);
      const after = randomText(r);
      const diff = unifiedDiff(before, after, { from: 'old', to: 'new' });
      if (diff === '') {
        expect(after).toBe(before);
        continue;
      }
      writeFileSync(path.join(dir, 'old'), before);
      writeFileSync(path.join(dir, 'd.patch'), diff);
      execFileSync('patch', ['-s', '-o', path.join(dir, 'out'), path.join(dir, 'old'), path.join(dir, 'd.patch')]);
      expect(readFileSync(path.join(dir, 'out'), 'utf8'), diff).toBe(after);
    }
  });
});

describe('secrets in previews', () => {
  it('masks auth, password and tokens in any layout, escaped quotes included', () => {
    const text = '{"auths":{"a":{"auth":"YWxpY2U6aHVudGVy"},"b":{"username":"u","password":"p\\"w"}},"x":{"identitytoken":"tok","registrytoken":"rt"}}';
    const masked = maskSecrets(text);
    expect(masked).not.toMatch(/YWxpY2U6aHVudGVy|p\\"w|tok"|rt"/);
    expect(masked).toContain('"username":"u"');
    expect(JSON.parse(masked)).toMatchObject({ auths: { a: { auth: '\u2022'.repeat(8) } } });
    expect(maskSecrets('{\n\t"Auth" :  "c2VjcmV0"\n}')).not.toContain('c2VjcmV0');
  });

  it('a config.json change never shows the secret it removes', () => {
    const before = Buffer.from(JSON.stringify({ auths: { 'ghcr.io': { auth: Buffer.from('octo:hunter2').toString('base64') } } }, null, 2));
    const change = describeChange({
      file: '/x/config.json',
      current: { kind: 'file', bytes: before, mode: 0o600, uid: 0, gid: 0 },
      after: Buffer.from(JSON.stringify({ auths: { 'ghcr.io': {} }, credsStore: 'osxkeychain' }, null, 2)),
      mode: 0o600,
      dirMode: 0o700,
      kind: 'json',
      via: 'direct',
    });
    expect(change.diff).toContain('-      "auth": "\u2022\u2022\u2022\u2022\u2022\u2022\u2022\u2022"');
    expect(change.diff).not.toContain(Buffer.from('octo:hunter2').toString('base64'));
    expect(change.creates).toBe(false);
  });
});
