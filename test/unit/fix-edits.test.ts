// How fixes edit Finch's files: config.json keeps its style and unknown keys; finch.yaml keeps comments and
// other settings; a file that does not parse is refused.
import { describe, expect, it } from 'vitest';
import { configEdit, loadConfigForEdit } from '../../main/core/fixes/config-json-edit';
import { credsHelperEdit, loadYamlForEdit, withCredsHelper } from '../../main/core/fixes/finch-yaml-edit';
import { detectJsonStyle, serializeJson } from '../../main/core/fixes/json-style';
import { makeSandbox } from '../support/sandbox-home';

describe('config.json style', () => {
  it.each([
    ['tabs (docker)', '{\n\t"auths": {\n\t\t"a": {}\n\t}\n}\n'],
    ['two spaces', '{\n  "auths": {\n    "a": {}\n  }\n}\n'],
    ['four spaces, CRLF', '{\r\n    "auths": {\r\n        "a": {}\r\n    }\r\n}\r\n'],
    ['one line (Finch)', '{"auths":{"a":{}}}'],
    ['no final newline', '{\n  "auths": {\n    "a": {}\n  }\n}'],
  ])('%s round-trips byte for byte', (_, text) => {
    expect(serializeJson(JSON.parse(text), detectJsonStyle(text))).toBe(text);
  });

  it('a new file gets docker\u2019s own format', () => {
    expect(serializeJson({ a: 1 }, detectJsonStyle(''))).toBe('{\n\t"a": 1\n}\n');
  });
});

describe('config.json edits', () => {
  const sandbox = (content: string) => {
    const sb = makeSandbox({ platform: 'darwin' });
    sb.write('home/.finch/config.json', content);
    return sb;
  };

  it('change only what the fix changes: unknown keys, their order and the indentation stay', async () => {
    const text = '{\n    "proxies": {"default": {"httpProxy": "http://p:3128"}},\n    "auths": {\n        "ghcr.io": {}\n    },\n    "currentContext": "x"\n}\n';
    const sb = sandbox(text);
    const cfg = await loadConfigForEdit(sb.file('home/.finch/config.json'));
    const edit = configEdit(cfg, (doc) => void (doc.credsStore = 'osxkeychain'))!;
    const after = edit.after.toString('utf8');
    expect(JSON.parse(after)).toEqual({ ...JSON.parse(text), credsStore: 'osxkeychain' });
    expect(Object.keys(JSON.parse(after))).toEqual(['proxies', 'auths', 'currentContext', 'credsStore']);
    expect(after).toMatch(/^ {4}"auths"/m);
    expect(edit.mode).toBe(cfg.current.kind === 'file' ? cfg.current.mode : -1);
    expect(configEdit(cfg, () => undefined)).toBeNull();
  });

  it('a new config.json is private (0600, folder 0700)', async () => {
    const sb = makeSandbox({ platform: 'darwin' });
    const cfg = await loadConfigForEdit(sb.file('home/.finch/config.json'));
    const edit = configEdit(cfg, (doc) => void (doc.credsStore = 'osxkeychain'))!;
    expect(edit).toMatchObject({ mode: 0o600, dirMode: 0o700, current: { kind: 'absent' } });
    expect(edit.after.toString()).toBe('{\n\t"credsStore": "osxkeychain"\n}\n');
  });

  it.each([
    ['not JSON', '{"auths": {', /not valid JSON \(line 1, column \d+\)/],
    ['not an object', '[1, 2]', /must hold a JSON object/],
    ['auths of the wrong type', '{"auths": []}', /"auths" must be an object/],
  ])('refuses a file that is %s, naming it and why', async (_, text, why) => {
    const sb = sandbox(text);
    const err = await loadConfigForEdit(sb.file('home/.finch/config.json')).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'file-invalid' });
    expect((err as Error).message).toContain(sb.file('home/.finch/config.json'));
    expect((err as Error).message).toMatch(why);
  });
});

describe('finch.yaml edits', () => {
  it('appends ecr-login keeping comments, order, and the list\u2019s style', async () => {
    const block = '# Finch settings\ncpus: 3 # three\nmemory: 4GiB\n\n# helpers\ncreds_helpers:\n  - osxkeychain # keep me\nvmType: vz\n';
    expect(await withCredsHelper(block, 'ecr-login')).toBe(block.replace('  - osxkeychain # keep me\n', '  - osxkeychain # keep me\n  - ecr-login\n'));
    expect(await withCredsHelper('cpus: 2\ncreds_helpers:\n- a\n', 'ecr-login')).toBe('cpus: 2\ncreds_helpers:\n- a\n- ecr-login\n');
    expect(await withCredsHelper('creds_helpers: [osxkeychain]\n', 'ecr-login')).toBe('creds_helpers: [osxkeychain, ecr-login]\n');
    expect(await withCredsHelper('cpus: 2\n', 'ecr-login')).toBe('cpus: 2\ncreds_helpers:\n  - ecr-login\n');
    expect(await withCredsHelper('', 'ecr-login')).toBe('creds_helpers:\n  - ecr-login\n');
    expect(await withCredsHelper('creds_helpers: [ecr-login]\n', 'ecr-login')).toBeNull();
  });

  it('refuses broken YAML or a creds_helpers that is not a list, naming the file', async () => {
    for (const text of ['cpus: [\n', 'creds_helpers: ecr-login\n', '- just\n- a list\n']) {
      const sb = makeSandbox({ platform: 'darwin', files: { 'home/.finch/finch.yaml': text } });
      const err = await loadYamlForEdit(sb.file('home/.finch/finch.yaml')).catch((e: unknown) => e);
      expect(err, text).toMatchObject({ kind: 'file-invalid' });
      expect((err as Error).message).toContain(sb.file('home/.finch/finch.yaml'));
    }
  });

  it('a new finch.yaml is 0644; an existing one keeps its mode', async () => {
    const sb = makeSandbox({ platform: 'darwin' });
    const fresh = await credsHelperEdit(await loadYamlForEdit(sb.file('home/.finch/finch.yaml')), 'ecr-login');
    expect(fresh).toMatchObject({ mode: 0o644, current: { kind: 'absent' } });
    sb.write('home/.finch/finch.yaml', 'cpus: 2\n', 0o600);
    expect((await credsHelperEdit(await loadYamlForEdit(sb.file('home/.finch/finch.yaml')), 'ecr-login'))!.mode).toBe(0o600);
  });
});
