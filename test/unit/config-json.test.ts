import { describe, expect, it } from 'vitest';
import { parseConfigJson, plaintextUsername } from '../../main/core/finch/config-json';
import { parseFinchYaml } from '../../main/core/finch/finch-yaml';
import { Problems } from '../../main/core/problems';

describe('config.json', () => {
  it('reads auths, credsStore and credHelpers and keeps unknown keys', () => {
    const p = new Problems();
    const c = parseConfigJson('/c.json', JSON.stringify({ auths: { 'a.io': { auth: 'dTpw' } }, credsStore: 'osxkeychain', credHelpers: { 'b.io': 'ecr-login' }, proxies: { x: 1 } }), p);
    expect(p.list).toEqual([]);
    expect(c.credsStore).toBe('osxkeychain');
    expect(c.credHelpers).toEqual({ 'b.io': 'ecr-login' });
    expect(c.raw.proxies).toEqual({ x: 1 });
  });

  it('names the file and the line of a JSON syntax error', () => {
    const p = new Problems();
    const c = parseConfigJson('/x/config.json', '{\n  "auths": {\n    "a": {},\n  }\n}', p);
    expect(c.valid).toBe(false);
    expect(p.list).toHaveLength(1);
    expect(p.list[0]!.file).toBe('/x/config.json');
    expect(p.list[0]!.message).toMatch(/not valid JSON \(line 4, column \d+\)/);
  });

  it('reports shape errors and keeps the rest', () => {
    const p = new Problems();
    const c = parseConfigJson('/c', JSON.stringify({ auths: [], credsStore: 7, credHelpers: { 'ok.io': 'pass', 'bad.io': 3 } }), p);
    expect(c.credHelpers).toEqual({ 'ok.io': 'pass' });
    expect(p.list.map((x) => x.message).join('\n')).toMatch(/auths.*credsStore.*bad\.io/s);
  });

  it('reads `"auths": null` (what Finch writes into every new config.json) and other nulls as absent, not as errors', () => {
    for (const text of ['{\n  "auths": null\n}', '{\n  "auths": null,\n  "credsStore": "osxkeychain"\n}', '{"auths":null,"credHelpers":null,"credsStore":null}']) {
      const p = new Problems();
      const c = parseConfigJson('/c.json', text, p);
      expect(p.list).toEqual([]);
      expect(c.valid).toBe(true);
      expect(c.auths).toEqual({});
      expect(c.credHelpers).toEqual({});
    }
    expect(parseConfigJson('/c.json', '{"auths": null, "credsStore": "osxkeychain"}', new Problems()).credsStore).toBe('osxkeychain');
  });

  it('decodes only the username from a plaintext login', () => {
    expect(plaintextUsername({ auth: Buffer.from('alice:s3cr:et').toString('base64') })).toBe('alice');
  });
});

describe('finch.yaml', () => {
  it('reads creds_helpers', async () => {
    const p = new Problems();
    expect((await parseFinchYaml('/f', 'cpus: 3\nmemory: 4GiB\ncreds_helpers:\n  - ecr-login\n', p)).credsHelpers).toEqual(['ecr-login']);
  });
  it('reports invalid YAML with its line and a wrongly-typed creds_helpers', async () => {
    const p = new Problems();
    expect((await parseFinchYaml('/f', 'cpus: 3\n  memory: [\n', p)).valid).toBe(false);
    expect((await parseFinchYaml('/f', 'creds_helpers: ecr-login\n', p)).valid).toBe(false);
    expect(p.list).toHaveLength(2);
    expect(p.list[0]!.message).toMatch(/not valid YAML \(line \d\)/);
    expect(p.list[1]!.message).toMatch(/must be a list/);
  });
});

describe('a broken config.json never quotes its contents', () => {
  it('names the line and the kind of error, not the text around it', () => {
    const p = new Problems();
    const secret = Buffer.from('dana:s3cret-pass').toString('base64');
    parseConfigJson('/c.json', `{\n  "auths": {\n    "ghcr.io": { "auth": ${secret} }\n  }\n}\n`, p);
    expect(p.list).toHaveLength(1);
    expect(p.list[0]!.message).toMatch(/not valid JSON \(line 3, column \d+\): an unexpected character/);
    expect(p.list[0]!.message).not.toContain(secret.slice(0, 6));
  });
});
