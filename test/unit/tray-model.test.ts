// The tray is a pure function of the status snapshot and the shell's state: icon, tooltip and every menu line.
import { describe, expect, it } from 'vitest';
import { maxMenuRegistries, summaryLine, trayIcon, trayModel, type MenuItemSpec, type TrayInputs } from '../../main/app/tray-model';
import type { Registry, Status } from '../../shared/types';
import { rawLine } from '../support/hostile';

const now = new Date('2025-06-01T12:00:00Z');
const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000).toISOString();
const ecr = '123456789012.dkr.ecr.eu-west-1.amazonaws.com';
const ecr2 = '210987654321.dkr.ecr.us-east-1.amazonaws.com';

function reg(host: string, over: Partial<Registry> = {}): Registry {
  const kind = host.includes('.dkr.ecr.') ? 'ecr' : host === 'public.ecr.aws' ? 'ecr-public' : host === 'docker.io' ? 'docker-hub' : 'other';
  return { host, kind, auth: 'creds-store', helper: 'osxkeychain', profile: null, expiresAt: null, state: 'logged-in', ...over };
}

function status(registries: Registry[], over: Partial<Status> = {}): Status {
  return {
    platform: 'darwin',
    finch: { path: '/usr/local/bin/finch', version: '1.19.0', vm: 'running', configFile: '~/.finch/config.json', yamlFile: '~/.finch/finch.yaml', credsStore: 'osxkeychain', credHelpers: {}, yamlCredsHelpers: [] },
    registries,
    profiles: [],
    problems: [],
    ...over,
  };
}

const inputs = (over: Partial<TrayInputs> = {}): TrayInputs => ({
  platform: 'darwin',
  busy: false,
  now,
  startAtLogin: false,
  startAtLoginSupported: true,
  menuBarOnly: false,
  autoRenewAll: false,
  autoRenewHosts: [],
  restartPending: false,
  ...over,
});

const labels = (items: MenuItemSpec[]) => items.map((i) => (i.type === 'separator' ? '---' : i.label));
const find = (items: MenuItemSpec[], label: string | RegExp) =>
  items.find((i) => i.type !== 'separator' && (typeof label === 'string' ? i.label === label : label.test(i.label)));

const mixed = () =>
  status([
    reg(ecr, { expiresAt: at(7 * 60 + 12), state: 'logged-in', profile: 'dev' }),
    reg(ecr2, { expiresAt: at(25), state: 'expiring' }),
    reg('public.ecr.aws', { expiresAt: at(-5), state: 'expired' }),
    reg('docker.io', { username: 'dana' }),
    reg('ghcr.io', { username: 'dana' }),
  ]);

describe('summary line', () => {
  it('counts the states the user cares about, in order, leaving out the zeros', () => {
    expect(summaryLine(mixed().registries, now)).toBe('3 logged in \u00b7 1 expiring \u00b7 1 expired');
    expect(summaryLine([], now)).toBe('No registries yet');
    expect(summaryLine([reg('ghcr.io', { state: 'logged-out', auth: 'none' }), reg(ecr, { auth: 'cred-helper', helper: 'ecr-login', state: 'unknown' })], now)).toBe('1 logged out \u00b7 1 on demand');
  });

  it('moves a countdown into expiring and expired as time passes, without a new status', () => {
    const s = status([reg(ecr, { expiresAt: at(61), state: 'logged-in' })]);
    expect(summaryLine(s.registries, now)).toBe('1 logged in');
    expect(summaryLine(s.registries, new Date(now.getTime() + 2 * 60_000))).toBe('1 expiring');
    expect(summaryLine(s.registries, new Date(now.getTime() + 62 * 60_000))).toBe('1 expired');
  });
});

describe('tray icon', () => {
  it('is busy while working or before the first status, broken on an expired login, expiring, else ok', () => {
    const ok = status([reg('ghcr.io'), reg(ecr, { expiresAt: at(600) })]);
    expect(trayIcon(ok, inputs())).toBe('ok');
    expect(trayIcon(ok, inputs({ busy: true }))).toBe('busy');
    expect(trayIcon(null, inputs())).toBe('busy');
    expect(trayIcon(mixed(), inputs())).toBe('broken');
    expect(trayIcon(status([reg(ecr, { expiresAt: at(20), state: 'expiring' })]), inputs())).toBe('expiring');
  });

  it('is broken when Finch is missing, a file has a problem or the status cannot be read', () => {
    const fine = [reg('ghcr.io')];
    expect(trayIcon(status(fine, { finch: { ...status([]).finch, path: null } }), inputs())).toBe('broken');
    expect(trayIcon(status(fine, { problems: [{ file: 'config.json', message: 'not JSON' }] }), inputs())).toBe('broken');
    expect(trayIcon(null, inputs({ error: 'EACCES' }))).toBe('broken');
  });

  it('does not warn about an expiring login that auto-renew will renew', () => {
    const s = status([reg(ecr, { expiresAt: at(20), state: 'expiring' })]);
    expect(trayIcon(s, inputs({ autoRenewHosts: [ecr] }))).toBe('ok');
    expect(trayIcon(s, inputs({ autoRenewAll: true }))).toBe('ok');
    // A helper-managed or password registry is not renewable, so auto-renew does not cover it.
    const pw = status([reg('ghcr.io', { expiresAt: at(20), state: 'expiring' })]);
    expect(trayIcon(pw, inputs({ autoRenewAll: true }))).toBe('expiring');
  });
});

describe('tray menu', () => {
  it('has the summary, each registry, the actions, the settings and Quit, in that order', () => {
    const m = trayModel(mixed(), inputs());
    expect(labels(m.items)).toEqual([
      '3 logged in \u00b7 1 expiring \u00b7 1 expired',
      '---',
      'ECR 123456789012 (eu-west-1) \u2014 logged in \u00b7 7 h 12 m left',
      'ECR 210987654321 (us-east-1) \u2014 expires in 25 m',
      'ECR Public \u2014 expired',
      'Docker Hub \u2014 logged in',
      'ghcr.io \u2014 logged in',
      '---',
      'Log In to All',
      'Run Health Check',
      'Restart VM',
      '---',
      'Open Finch Logins',
      'Renew ECR Logins Automatically',
      'Start at Login',
      'Hide Dock Icon',
      '---',
      'Quit Finch Logins',
    ]);
    expect(m.icon).toBe('broken');
    expect(m.tooltip).toBe('Finch Logins \u2014 3 logged in \u00b7 1 expiring \u00b7 1 expired');
    expect(find(m.items, 'Quit Finch Logins')).toMatchObject({ enabled: true, action: { id: 'quit' } });
    expect(find(m.items, 'Open Finch Logins')).toMatchObject({ enabled: true, action: { id: 'open-window' } });
    expect(find(m.items, 'Log In to All')).toMatchObject({ enabled: true, action: { id: 'login-all' } });
    expect(find(m.items, 'Run Health Check')).toMatchObject({ action: { id: 'health-check' } });
    expect(find(m.items, 'Start at Login')).toMatchObject({ type: 'checkbox', checked: false, action: { id: 'toggle-start-at-login' } });
  });

  it('says under Renew Automatically when the registry\u2019s profile asks for an MFA code', () => {
    const st = status([reg(ecr, { auth: 'creds-store', profile: 'admin', expiresAt: at(300), state: 'logged-in' }), reg(ecr2, { auth: 'creds-store', profile: 'dev', expiresAt: at(300), state: 'logged-in' })], {
      profiles: [
        { name: 'admin', region: null, type: 'assume-role', mfa: true },
        { name: 'dev', region: null, type: 'sso' },
      ],
    });
    const m = trayModel(st, inputs());
    const admin = find(m.items, /^ECR 123456789012/) as Extract<MenuItemSpec, { type: 'submenu' }>;
    expect(admin.items.at(-1)).toEqual({ type: 'normal', label: 'Profile \u201cadmin\u201d needs an MFA code: cannot renew without you', enabled: false });
    const dev = find(m.items, /^ECR 210987654321/) as Extract<MenuItemSpec, { type: 'submenu' }>;
    expect(labels(dev.items)).toEqual(['Re-login', 'Show in Window', 'Renew Automatically']);
  });

  it('offers Re-login for a live login and Log in for an expired one, and shows it in the window', () => {
    const m = trayModel(mixed(), inputs());
    const live = find(m.items, /^ECR 123456789012/) as Extract<MenuItemSpec, { type: 'submenu' }>;
    expect(live.items).toEqual([
      { type: 'normal', label: 'Re-login', enabled: true, action: { id: 'login', host: ecr } },
      { type: 'normal', label: 'Show in Window', enabled: true, action: { id: 'open-registry', host: ecr } },
      { type: 'checkbox', label: 'Renew Automatically', checked: false, enabled: true, action: { id: 'toggle-auto-renew', host: ecr } },
    ]);
    const expired = find(m.items, /^ECR Public/) as Extract<MenuItemSpec, { type: 'submenu' }>;
    expect(expired.items[0]).toEqual({ type: 'normal', label: 'Log in', enabled: true, action: { id: 'login', host: 'public.ecr.aws' } });
    // Password registries cannot be renewed unattended: no auto-renew switch.
    const hub = find(m.items, /^Docker Hub/) as Extract<MenuItemSpec, { type: 'submenu' }>;
    expect(labels(hub.items)).toEqual(['Re-login', 'Show in Window']);
  });

  it('shows a helper-managed registry without a login action', () => {
    const m = trayModel(status([reg(ecr, { auth: 'cred-helper', helper: 'ecr-login', state: 'unknown' })]), inputs());
    const item = find(m.items, /^ECR 123456789012/) as Extract<MenuItemSpec, { type: 'submenu' }>;
    expect(item.label).toBe('ECR 123456789012 (eu-west-1) \u2014 on demand (ecr-login)');
    expect(item.items[0]).toEqual({ type: 'normal', label: 'Logins come from ecr-login', enabled: false });
  });

  it('marks Restart VM when a restart is required, and has none on Linux (no VM there)', () => {
    expect(find(trayModel(mixed(), inputs({ restartPending: true })).items, /^Restart VM/)!).toMatchObject({ label: 'Restart VM \u2014 restart required', enabled: true });
    expect(find(trayModel(mixed(), inputs({ platform: 'linux' })).items, /^Restart VM/)).toBeUndefined();
    const noVm = status([reg('ghcr.io')], { finch: { ...status([]).finch, vm: 'nonexistent' } });
    expect(find(trayModel(noVm, inputs()).items, /^Restart VM/)).toMatchObject({ enabled: false });
  });

  it('disables the actions while busy and says so', () => {
    const m = trayModel(mixed(), inputs({ busy: true }));
    expect(m.icon).toBe('busy');
    expect((m.items[0] as { label: string }).label).toMatch(/working/);
    expect(m.tooltip).toMatch(/working/);
    for (const label of ['Log In to All', 'Run Health Check', 'Restart VM']) expect(find(m.items, label)).toMatchObject({ enabled: false });
    const sub = find(m.items, /^ECR 123456789012/) as Extract<MenuItemSpec, { type: 'submenu' }>;
    expect(sub.items[0]).toMatchObject({ label: 'Re-login', enabled: false });
    // Open and Quit always work (clicks on the icon itself are unreliable on Linux).
    expect(find(m.items, 'Open Finch Logins')).toMatchObject({ enabled: true });
    expect(find(m.items, 'Quit Finch Logins')).toMatchObject({ enabled: true });
  });

  it('reflects the settings in its checkboxes', () => {
    const m = trayModel(mixed(), inputs({ startAtLogin: true, menuBarOnly: true, autoRenewAll: true }));
    expect(find(m.items, 'Start at Login')).toMatchObject({ checked: true });
    expect(find(m.items, 'Hide Dock Icon')).toMatchObject({ checked: true, action: { id: 'toggle-menu-bar-only' } });
    expect(find(m.items, 'Renew ECR Logins Automatically')).toMatchObject({ checked: true, action: { id: 'toggle-auto-renew-all' } });
    const sub = find(m.items, /^ECR 123456789012/) as Extract<MenuItemSpec, { type: 'submenu' }>;
    expect(sub.items[2]).toMatchObject({ label: 'Renew Automatically (on for all)', checked: true, enabled: false });
    // No Dock outside macOS; no start-at-login switch where the OS one is out of reach.
    expect(find(trayModel(mixed(), inputs({ platform: 'win32' })).items, 'Hide Dock Icon')).toBeUndefined();
    expect(find(trayModel(mixed(), inputs({ startAtLoginSupported: false })).items, 'Start at Login')).toMatchObject({ enabled: false });
  });

  it('lists at most ten registries and sends the rest to the window', () => {
    const many = status(Array.from({ length: 13 }, (_, i) => reg(`registry${String(i).padStart(2, '0')}.example.com`)));
    const m = trayModel(many, inputs());
    expect(m.items.filter((i) => i.type === 'submenu')).toHaveLength(maxMenuRegistries);
    expect(find(m.items, '3 more in the window\u2026')).toMatchObject({ action: { id: 'open-window' } });
  });

  it('says what is wrong when there is no status, no registry, no Finch or a damaged file', () => {
    expect(labels(trayModel(null, inputs()).items)[0]).toBe('Reading the login status\u2026');
    const failed = trayModel(null, inputs({ error: 'EACCES: permission denied' }));
    expect(labels(failed.items).slice(0, 2)).toEqual(['Cannot read the login status', 'EACCES: permission denied']);
    expect(find(failed.items, 'Log In to All')).toMatchObject({ enabled: false });
    const empty = trayModel(status([], { finch: { ...status([]).finch, path: null } }), inputs());
    expect(labels(empty.items).slice(0, 3)).toEqual(['No registries yet', 'Finch is not installed or not found', '---']);
    const damaged = trayModel(status([reg('ghcr.io')], { problems: [{ file: 'a', message: 'b' }, { file: 'c', message: 'd' }] }), inputs());
    expect(find(damaged.items, '2 problems in your files\u2026')).toMatchObject({ action: { id: 'open-window' } });
  });

  it('keeps the tooltip within what Windows shows', () => {
    const many = status(Array.from({ length: 3 }, (_, i) => reg(`r${i}.example.com`)));
    const m = trayModel(many, inputs({ busy: true, error: 'x'.repeat(300) }));
    expect(m.tooltip.length).toBeLessThanOrEqual(127);
  });

  it('is plain data: no functions, survives JSON', () => {
    const m = trayModel(mixed(), inputs());
    expect(JSON.parse(JSON.stringify(m))).toEqual(m);
  });
});

const allLabels = (items: MenuItemSpec[]): string[] => items.flatMap((i) => (i.type === 'separator' ? [] : i.type === 'submenu' ? [i.label, ...allLabels(i.items)] : [i.label]));

describe('tray labels from hostile files', () => {
  // config.json keys are any string; the AWS config's profile names and a notice's title carry file content too.
  const hostile = ['evil.io\nghcr.io', '\u001b]0;pwned\u0007title.io', 'rtl\u202eoi.lave', 'red\u009b31m.io', 'tab\there.io'];
  const mfaEcr = reg(ecr, { auth: 'creds-store', profile: 'dev\u202e\nved', expiresAt: at(300) });

  it('show every host, profile, notice and error escaped as the CLI prints them, one line each', () => {
    const m = trayModel(status([...hostile.map((h) => reg(h)), mfaEcr], { profiles: [{ name: 'dev\u202e\nved', region: 'eu-west-1', type: 'static', mfa: true }] }), inputs({
      error: 'Cannot read /home/u/.finch/config.json\u001b[2J',
      notices: [{ id: 'n', title: 'Could not renew rtl\u202eoi.lave', host: 'rtl\u202eoi.lave' }],
    }));
    const shown = allLabels(m.items);
    for (const label of [...shown, m.tooltip]) expect(label).not.toMatch(rawLine);
    expect(shown).toEqual(expect.arrayContaining([
      'evil.io\\nghcr.io \u2014 logged in',
      '\\u001b]0;pwned\\u0007title.io \u2014 logged in',
      'rtl\\u202eoi.lave \u2014 logged in',
      'red\\u009b31m.io \u2014 logged in',
      'tab\\there.io \u2014 logged in',
      'Profile \u201cdev\\u202e\\nved\u201d needs an MFA code: cannot renew without you',
      'Cannot read /home/u/.finch/config.json\\u001b[2J',
      '\u26a0 Could not renew rtl\\u202eoi.lave\u2026',
    ]));
  });

  it('keep the real host in the actions: a click acts on the registry the file names', () => {
    const m = trayModel(status([reg('rtl\u202eoi.lave')]), inputs());
    const sub = m.items.find((i) => i.type === 'submenu');
    expect(sub?.type === 'submenu' && sub.items[0]).toMatchObject({ action: { id: 'login', host: 'rtl\u202eoi.lave' } });
  });
});
