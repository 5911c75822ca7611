// A recording stand-in for the `electron` module, so the BUILT bundles (out/main, out/preload) can be evaluated
// in Node where no Electron binary can run. It records what the shell asks Electron to do.
import Module, { createRequire } from 'node:module';
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- recorded values are poked at freely by tests
type Loose = any;
type Listener = (...a: Loose[]) => void;

export interface Recording {
  handlers: Map<string, (event: unknown, payload: unknown) => unknown>;
  windows: { options: Record<string, Loose>; loaded: string[]; webContents: FakeWebContents; events: Map<string, Listener[]> }[];
  exposed: Map<string, Loose>;
  invoked: { channel: string; payload: unknown }[];
  listeners: Map<string, unknown[]>;
  appEvents: Map<string, Listener[]>;
  contentsEvents: Map<string, Listener[]>;
  privilegedSchemes: unknown[];
  protocolHandlers: Map<string, unknown>;
  permissionRequestHandler?: (wc: unknown, permission: string, cb: (ok: boolean) => void) => void;
  permissionCheckHandler?: (...a: unknown[]) => boolean;
  singleInstanceLockRequested: boolean;
  trays: FakeTrayEntry[];
  /** Every app.quit(), app.dock.hide()/show(), setLoginItemSettings(…) call, in order. */
  appCalls: string[];
  sessionEvents: Map<string, Listener[]>;
  devicePermissionHandler?: (details: unknown) => boolean;
  powerEvents: Map<string, Listener[]>;
  notifications: { options: Record<string, Loose>; events: Map<string, Listener[]> }[];
  /** Every clipboard.writeText(text). */
  clipboard: string[];
  ready: Promise<void>;
  /** What app.isReady() answers: false until whenReady's promise has settled. */
  isReady: boolean;
  /** Every Menu.setApplicationMenu(…): the template as Menu.buildFromTemplate returned it, or null. */
  appMenus: ({ template: Loose[] } | null)[];
}

export interface FakeTrayEntry {
  /** The nativeImage given last: { path, template }. */
  image: { path: string; template: boolean };
  /** Every menu set with setContextMenu: { template } as Menu.buildFromTemplate returned it. */
  menus: { template: Loose[] }[];
  tooltip?: string;
  events: Map<string, Listener[]>;
  destroyed: boolean;
}

export class FakeWebContents extends EventEmitter {
  mainFrame = { url: 'app://finch-logins/index.html' };
  sent: { channel: string; payload: unknown }[] = [];
  windowOpenHandler?: (d: { url: string }) => { action: string };
  isDestroyed = () => false;
  send(channel: string, payload: unknown) {
    this.sent.push({ channel, payload });
  }
  setWindowOpenHandler(h: (d: { url: string }) => { action: string }) {
    this.windowOpenHandler = h;
  }
}

export function electronStandIn(): { electron: Record<string, unknown>; rec: Recording } {
  let markReady!: () => void;
  const rec: Recording = {
    handlers: new Map(),
    windows: [],
    exposed: new Map(),
    invoked: [],
    listeners: new Map(),
    appEvents: new Map(),
    contentsEvents: new Map(),
    privilegedSchemes: [],
    protocolHandlers: new Map(),
    singleInstanceLockRequested: false,
    trays: [],
    appCalls: [],
    sessionEvents: new Map(),
    powerEvents: new Map(),
    notifications: [],
    clipboard: [],
    ready: new Promise((r) => (markReady = r)),
    isReady: false,
    appMenus: [],
  };
  const on = (map: Map<string, Listener[]>) => (name: string, fn: Listener) => {
    map.set(name, [...(map.get(name) ?? []), fn]);
  };
  class BrowserWindow {
    webContents = new FakeWebContents();
    private events = new Map<string, Listener[]>();
    constructor(options: Record<string, Loose>) {
      rec.windows.push({ options, loaded: [], webContents: this.webContents, events: this.events });
      for (const fns of rec.appEvents.get('web-contents-created') ?? []) fns({}, this.webContents);
    }
    loadURL(url: string) {
      rec.windows.find((w) => w.webContents === this.webContents)!.loaded.push(url);
      return Promise.resolve();
    }
    once(name: string, fn: Listener) {
      on(this.events)(name, fn);
    }
    on(name: string, fn: Listener) {
      on(this.events)(name, fn);
    }
    show() {
      rec.appCalls.push('window.show');
    }
    focus() {}
    restore() {}
    isMinimized = () => false;
    isVisible = () => true;
    isDestroyed = () => false;
  }
  const whenReady = () => {
    const p = Promise.resolve();
    void p.then(() => ((rec.isReady = true), setTimeout(markReady, 0)));
    return p;
  };
  const electron = {
    app: {
      requestSingleInstanceLock: () => ((rec.singleInstanceLockRequested = true), true),
      on: on(rec.appEvents),
      whenReady,
      quit: () => void rec.appCalls.push('quit'),
      getPath: () => '/tmp',
      getAppPath: () => '/app',
      // Electron's app.getVersion() is package.json's version when unpackaged.
      getVersion: () => (JSON.parse(readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as { version: string }).version,
      focus: () => undefined,
      setAppUserModelId: () => undefined,
      setLoginItemSettings: (s: unknown) => void rec.appCalls.push(`setLoginItemSettings ${JSON.stringify(s)}`),
      getLoginItemSettings: () => ({ openAtLogin: false, wasOpenedAtLogin: false }),
      dock: { hide: () => void rec.appCalls.push('dock.hide'), show: () => (rec.appCalls.push('dock.show'), Promise.resolve()) },
      isPackaged: false,
      isReady: () => rec.isReady,
    },
    BrowserWindow,
    ipcMain: { handle: (ch: string, fn: Loose) => rec.handlers.set(ch, fn), removeHandler: () => undefined },
    ipcRenderer: {
      invoke: (channel: string, payload: unknown) => (rec.invoked.push({ channel, payload }), Promise.resolve({ ok: true, value: null })),
      on: (ch: string, fn: unknown) => rec.listeners.set(ch, [...(rec.listeners.get(ch) ?? []), fn]),
      removeListener: (ch: string, fn: unknown) => rec.listeners.set(ch, (rec.listeners.get(ch) ?? []).filter((f) => f !== fn)),
    },
    contextBridge: { exposeInMainWorld: (name: string, api: unknown) => rec.exposed.set(name, api) },
    protocol: {
      registerSchemesAsPrivileged: (s: unknown[]) => rec.privilegedSchemes.push(...s),
      handle: (scheme: string, fn: unknown) => rec.protocolHandlers.set(scheme, fn),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: Loose) => (rec.permissionRequestHandler = fn),
        setPermissionCheckHandler: (fn: Loose) => (rec.permissionCheckHandler = fn),
        setDevicePermissionHandler: (fn: Loose) => (rec.devicePermissionHandler = fn),
        on: on(rec.sessionEvents),
      },
    },
    shell: { openExternal: () => Promise.resolve() },
    clipboard: { writeText: (text: string) => void rec.clipboard.push(text) },
    net: { fetch: () => Promise.resolve(new Response('')) },
    nativeImage: {
      createFromPath: (p: string) => {
        const image = { path: p, template: false, setTemplateImage: (t: boolean) => void (image.template = t), isEmpty: () => false };
        return image;
      },
    },
    nativeTheme: { shouldUseDarkColors: false, on: () => undefined },
    Menu: { buildFromTemplate: (t: Loose[]) => ({ template: t }), setApplicationMenu: (m: { template: Loose[] } | null) => void rec.appMenus.push(m) },
    Tray: class {
      entry: FakeTrayEntry;
      constructor(image: FakeTrayEntry['image']) {
        this.entry = { image, menus: [], events: new Map(), destroyed: false };
        rec.trays.push(this.entry);
      }
      setContextMenu(m: { template: Loose[] }) {
        this.entry.menus.push(m);
      }
      setToolTip(t: string) {
        this.entry.tooltip = t;
      }
      setImage(i: FakeTrayEntry['image']) {
        this.entry.image = i;
      }
      on(name: string, fn: Listener) {
        on(this.entry.events)(name, fn);
      }
      destroy() {
        this.entry.destroyed = true;
      }
    },
    Notification: class {
      static isSupported = () => true;
      private entry: Recording['notifications'][number];
      constructor(options: Record<string, Loose>) {
        this.entry = { options, events: new Map() };
        rec.notifications.push(this.entry);
      }
      on(name: string, fn: Listener) {
        on(this.entry.events)(name, fn);
      }
      show() {}
    },
    powerMonitor: { on: on(rec.powerEvents) },
  };
  return { electron, rec };
}

/** Loads a built CommonJS bundle with `require('electron')` answered by the stand-in. */
export function loadWithElectron(file: string, electron: Record<string, unknown>): void {
  const M = Module as unknown as { _load: (req: string, parent: unknown, isMain: boolean) => unknown; _cache: Record<string, unknown> };
  const original = M._load;
  M._load = function (request, parent, isMain) {
    if (request === 'electron') return electron;
    return original.call(this, request, parent, isMain);
  };
  const load = createRequire(file);
  try {
    delete M._cache[load.resolve(file)];
    load(file);
  } finally {
    M._load = original;
  }
}
