// A recording stand-in for the `electron` module, so the BUILT bundles (out/main, out/preload) can be evaluated
// in Node where no Electron binary can run. It records what the shell asks Electron to do.
import Module, { createRequire } from 'node:module';
import { EventEmitter } from 'node:events';

export interface Recording {
  handlers: Map<string, (event: unknown, payload: unknown) => unknown>;
  windows: { options: Record<string, any>; loaded: string[]; webContents: FakeWebContents }[];
  exposed: Map<string, any>;
  invoked: { channel: string; payload: unknown }[];
  listeners: Map<string, unknown[]>;
  appEvents: Map<string, ((...a: any[]) => void)[]>;
  contentsEvents: Map<string, ((...a: any[]) => void)[]>;
  privilegedSchemes: unknown[];
  protocolHandlers: Map<string, unknown>;
  permissionRequestHandler?: (wc: unknown, permission: string, cb: (ok: boolean) => void) => void;
  permissionCheckHandler?: (...a: unknown[]) => boolean;
  singleInstanceLockRequested: boolean;
  trays: { image: unknown; menus: unknown[]; tooltip?: string }[];
  ready: Promise<void>;
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
    ready: new Promise((r) => (markReady = r)),
  };
  const on = (map: Map<string, any[]>) => (name: string, fn: any) => {
    map.set(name, [...(map.get(name) ?? []), fn]);
  };
  class BrowserWindow {
    webContents = new FakeWebContents();
    constructor(options: Record<string, any>) {
      rec.windows.push({ options, loaded: [], webContents: this.webContents });
      for (const fns of rec.appEvents.get('web-contents-created') ?? []) fns({}, this.webContents);
    }
    loadURL(url: string) {
      rec.windows.find((w) => w.webContents === this.webContents)!.loaded.push(url);
      return Promise.resolve();
    }
    once() {}
    on() {}
    show() {}
    focus() {}
    restore() {}
    isMinimized = () => false;
    isDestroyed = () => false;
  }
  const whenReady = () => {
    const p = Promise.resolve();
    void p.then(() => setTimeout(markReady, 0));
    return p;
  };
  const electron = {
    app: {
      requestSingleInstanceLock: () => ((rec.singleInstanceLockRequested = true), true),
      on: on(rec.appEvents),
      whenReady,
      quit: () => undefined,
      getPath: () => '/tmp',
      setLoginItemSettings: () => undefined,
      getLoginItemSettings: () => ({ openAtLogin: false }),
      dock: { hide: () => undefined, show: () => undefined },
      isPackaged: false,
    },
    BrowserWindow,
    ipcMain: { handle: (ch: string, fn: any) => rec.handlers.set(ch, fn), removeHandler: () => undefined },
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
        setPermissionRequestHandler: (fn: any) => (rec.permissionRequestHandler = fn),
        setPermissionCheckHandler: (fn: any) => (rec.permissionCheckHandler = fn),
      },
    },
    shell: { openExternal: () => Promise.resolve() },
    net: { fetch: () => Promise.resolve(new Response('')) },
    nativeImage: { createFromPath: (p: string) => ({ path: p, setTemplateImage: () => undefined, isEmpty: () => false }) },
    nativeTheme: { shouldUseDarkColors: false, on: () => undefined },
    Menu: { buildFromTemplate: (t: unknown) => ({ template: t }), setApplicationMenu: () => undefined },
    Tray: class {
      entry: { image: unknown; menus: unknown[]; tooltip?: string };
      constructor(image: unknown) {
        this.entry = { image, menus: [] };
        rec.trays.push(this.entry);
      }
      setContextMenu(m: unknown) {
        this.entry.menus.push(m);
      }
      setToolTip(t: string) {
        this.entry.tooltip = t;
      }
      setImage(i: unknown) {
        this.entry.image = i;
      }
      on() {}
    },
    Notification: class {
      static isSupported = () => true;
      on() {}
      show() {}
    },
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
