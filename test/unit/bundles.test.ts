// The built bundles, evaluated with a recording stand-in for `electron` (Electron itself cannot run here).
// Requires `npm run build` first (npm test runs it).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { channelId, channelNames, eventNames } from '../../shared/contract';
import { electronStandIn, loadWithElectron, type Recording } from '../support/electron-stand-in';
import { makeSandbox } from '../support/sandbox-home';

const out = path.resolve(__dirname, '../../out');

describe('out/preload', () => {
  const code = readFileSync(path.join(out, 'preload/index.cjs'), 'utf8');

  it('is one CommonJS file that requires nothing but electron (a sandboxed preload cannot)', () => {
    const required = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
  });

  it('exposes exactly the contract\u2019s methods, each reaching its own channel', async () => {
    const { electron, rec } = electronStandIn();
    vm.runInNewContext(code, { require: (m: string) => (m === 'electron' ? electron : undefined), module: { exports: {} }, exports: {} });
    expect([...rec.exposed.keys()]).toEqual(['finchLogins']);
    const api = rec.exposed.get('finchLogins');
    expect(Object.keys(api).sort()).toEqual([...channelNames, 'on'].sort());
    for (const name of channelNames) await api[name]({ probe: name });
    expect(rec.invoked.map((i) => i.channel)).toEqual(channelNames.map(channelId));
    expect(rec.invoked.map((i) => (i.payload as { probe: string }).probe)).toEqual([...channelNames]);
  });

  it('strips the IPC event from listeners and unsubscribes', () => {
    const { electron, rec } = electronStandIn();
    vm.runInNewContext(code, { require: () => electron, module: { exports: {} }, exports: {} });
    const api = rec.exposed.get('finchLogins');
    for (const event of eventNames) {
      const seen: unknown[][] = [];
      const off = api.on(event, (...args: unknown[]) => seen.push(args));
      const [listener] = rec.listeners.get(channelId(event)) as ((...a: unknown[]) => void)[];
      listener!({ sender: 'internals' }, { payload: 1 });
      expect(seen).toEqual([[{ payload: 1 }]]);
      off();
      expect(rec.listeners.get(channelId(event))).toEqual([]);
    }
    expect(() => api.on('notAnEvent', () => undefined)).toThrow(/Unknown event/);
  });
});

describe('out/main', () => {
  let rec: Recording;
  beforeAll(async () => {
    const sb = makeSandbox({ platform: 'darwin', files: { 'home/.finch/config.json': { auths: { 'ghcr.io': {} } } } });
    const saved = { ...process.env };
    Object.assign(process.env, sb.vars);
    try {
      const standIn = electronStandIn();
      rec = standIn.rec;
      loadWithElectron(path.join(out, 'main/index.js'), standIn.electron);
      await rec.ready;
    } finally {
      for (const k of Object.keys(sb.vars)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
    }
  });

  it('takes the single-instance lock and registers a handler for every contract channel, and no other', () => {
    expect(rec.singleInstanceLockRequested).toBe(true);
    expect([...rec.handlers.keys()].sort()).toEqual(channelNames.map(channelId).sort());
  });

  it('opens one window with the secure webPreferences, our preload and our page', () => {
    expect(rec.windows).toHaveLength(1);
    const { options, loaded } = rec.windows[0]!;
    expect(options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(existsSync(options.webPreferences.preload)).toBe(true);
    expect(options.webPreferences.preload).toBe(path.join(out, 'preload/index.cjs'));
    expect(loaded).toEqual(['app://finch-logins/index.html']);
    expect(existsSync(path.join(out, 'renderer/index.html'))).toBe(true);
    expect(rec.protocolHandlers.has('app')).toBe(true);
    expect(rec.privilegedSchemes).toEqual([expect.objectContaining({ scheme: 'app' })]);
  });

  it('denies permissions, blocks navigation and new windows', () => {
    let granted: boolean | undefined;
    rec.permissionRequestHandler!({}, 'media', (ok) => (granted = ok));
    expect(granted).toBe(false);
    expect(rec.permissionCheckHandler!()).toBe(false);
    const wc = rec.windows[0]!.webContents;
    let prevented = false;
    wc.emit('will-navigate', { preventDefault: () => (prevented = true) }, 'https://evil.example/');
    expect(prevented).toBe(true);
    expect(wc.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('answers only our window, validates payloads, and serves the real status', async () => {
    const wc = rec.windows[0]!.webContents;
    const handler = rec.handlers.get(channelId('getStatus'))!;
    const trusted = { sender: wc, senderFrame: wc.mainFrame };
    const stranger = { sender: {}, senderFrame: { url: 'https://evil.example/' } };
    expect(await handler(stranger, undefined)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await handler(trusted, { unexpected: true })).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    const answer = (await handler(trusted, undefined)) as { ok: boolean; value: { registries: { host: string }[] } };
    expect(answer.ok).toBe(true);
    expect(answer.value.registries.map((r) => r.host)).toEqual(['ghcr.io']);
  });
});
