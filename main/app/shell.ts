// The menu-bar app, wired together: one status (kept current by the file watcher) drawn by the window and the
// tray; one handler table serving the window and the tray; auto-renew fed by each new status. Every decision is
// made by a pure function elsewhere (tray-model, lifecycle, renew/schedule, notification-model); this file only
// connects them to Electron.
import { app, clipboard, Menu, powerMonitor, session, shell } from 'electron';
import { readFileSync } from 'node:fs';
import type { AppSettings } from '../../shared/contract';
import type { Platform, Status } from '../../shared/types';
import { currentEnv } from '../core/env';
import { recoverAtStart } from '../core/fixes/fix-service';
import { createHandlers, type Handlers } from '../core/handlers';
import { fileLog, logFailure } from '../core/log';
import { resolvePaths } from '../core/paths';
import { startupSearchPath } from '../core/process/find-executable';
import type { NotificationSpec } from '../core/renew/notification-model';
import { refreshRoundNotices, renewRoundNotices, type Announced, type Announcement } from '../core/renew/session-notices';
import { createRenewer } from '../core/renew/renewer';
import { refreshSsoSessions } from '../core/sso/sso-service';
import { minute, renewPolicy } from '../core/renew/schedule';
import { startStatusWatcher, type StatusWatcher } from '../core/watch/status-watcher';
import { appIconPath, assetsDir } from './assets';
import { denyPermissions, guardWebContents } from './guards';
import { observeHandlers } from './handler-observer';
import { registerHandlers } from './ipc';
import { appMenuTemplate } from './app-menu';
import { appUserModelId, dockChange, dockPolicy, infoPlistPath, plistSaysMenuBarOnly, startsHidden, type DockPolicy } from './lifecycle';
import { osLoginItem } from './login-item';
import { MainWindow } from './main-window';
import { routeUndelivered, type Notice, type NoticeOrigin } from './notice-model';
import { handleWindowsActivation, openTarget, showNotification } from './notifications';
import { serveRenderer } from './protocol';
import { pageSource } from './security';
import { createTrayDispatcher } from './tray-actions';
import { trayModel } from './tray-model';
import { TrayView } from './tray';
import { bundlePaths } from './window';

/** The shell acts on the machine it runs on, whatever FINCH_LOGINS_PLATFORM tells the core to read. */
const platform: Platform = process.platform === 'darwin' || process.platform === 'win32' ? process.platform : 'linux';

function builtMenuBarOnly(): boolean {
  if (platform !== 'darwin' || !app.isPackaged) return false;
  try {
    return plistSaysMenuBarOnly(readFileSync(infoPlistPath(process.execPath), 'utf8'));
  } catch {
    return false;
  }
}

/** macOS from the Dock: the install folders on our own PATH, for the AWS SDK's credential_process (see the function). */
function widenStartupPath(): void {
  const env = currentEnv();
  const set = startupSearchPath(env, resolvePaths(env));
  if (set) process.env[set.name] = set.value;
}

export function startShell(mainDir: string): void {
  widenStartupPath();
  const env = currentEnv();
  // The trace a bug leaves: a rotating file in the state folder, which "Copy diagnostics" includes.
  const log = fileLog(resolvePaths(env).stateDir);
  log.info(`Finch Logins ${app.getVersion()} started (${process.platform} ${process.arch}, Electron ${process.versions.electron})`);
  const bundles = bundlePaths(mainDir);
  const assets = assetsDir({ isPackaged: app.isPackaged, resourcesPath: process.resourcesPath, mainDir });
  let watcher: StatusWatcher | null = null;
  const page = pageSource(app.isPackaged, process.env.ELECTRON_RENDERER_URL);
  const window = new MainWindow({ preload: bundles.preload, platform, icon: appIconPath(assets) }, page, () => watcher?.refresh());

  let status: Status | null = null;
  let settings: AppSettings | null = null;
  let error: string | null = null;
  let busy = false;
  let restartPending = false;
  let tray: TrayView | null = null;

  const redraw = () =>
    tray?.render(
      trayModel(status, {
        platform,
        busy,
        now: new Date(),
        error,
        restartPending,
        startAtLogin: settings?.startAtLogin ?? false,
        startAtLoginSupported: settings?.startAtLoginSupported ?? false,
        menuBarOnly: settings?.menuBarOnly ?? false,
        autoRenewAll: settings?.autoRenewAll ?? false,
        autoRenewHosts: settings?.autoRenewHosts ?? [],
        notices,
      }),
    );
  let notices: readonly Notice[] = [];
  // A notice the system did not show: what the user asked for from the tray opens the window; what the app did by
  // itself (auto-renew) waits as a line in the tray menu (notice-model.ts).
  const notify = (origin: NoticeOrigin) => (spec: NotificationSpec) =>
    showNotification(spec, window, {
      platform,
      undelivered: (missed) => {
        const route = routeUndelivered(origin, missed, notices);
        if (route.open) openTarget(window, route.open);
        if (route.notices !== notices) {
          notices = route.notices;
          redraw();
        }
      },
    });
  let handlers: Handlers;
  // Ended IAM Identity Center sessions already said (session-notices.ts): each is said once, not per registry.
  let announced: Announced = new Set();
  const announce = (next: Announcement) => {
    announced = next.announced;
    next.specs.forEach(notify('background'));
  };
  const renewer = createRenewer({
    login: (host) => handlers.login({ host }),
    onReports: (reports) => announce(renewRoundNotices(announced, reports)),
  });
  let dock: DockPolicy | null = null;
  const applySettings = (next: AppSettings) => {
    settings = next;
    const wanted = dockPolicy(platform, next.menuBarOnly);
    const change = dockChange(dock, wanted);
    dock = wanted;
    if (change === 'hide') app.dock?.hide();
    else if (change === 'show') void app.dock?.show();
    if (status) renewer.update(status.registries, renewPolicy(next));
    redraw();
  };

  if (platform === 'win32') app.setAppUserModelId(appUserModelId);
  app.on('second-instance', () => window.show());
  // macOS can send activate (a Dock click) before ready, when no window may be created yet; the launch shows it then.
  app.on('activate', () => {
    if (app.isReady()) window.show();
  });
  // Closing the window leaves the app running in the tray; Quit is in the tray menu.
  app.on('window-all-closed', () => undefined);
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, (url) => void shell.openExternal(url), page.devServer));

  void app.whenReady().then(async () => {
    // A fix a crash interrupted is rolled back (the file watcher then shows the files as they are again).
    void recoverAtStart(env)
      .then((message) => message && notify('background')({ title: 'An interrupted fix was rolled back', body: message, host: null, reason: 'info' }))
      .catch((e: unknown) => console.error('Finch Logins: an interrupted fix could not be rolled back; Undo offers it.', e));
    const menu = appMenuTemplate(platform, app.isPackaged);
    Menu.setApplicationMenu(menu ? Menu.buildFromTemplate(menu) : null);
    denyPermissions(session.defaultSession);
    // Windows: a toast click that started the app is delivered as soon as this is registered (a window can open now).
    if (platform === 'win32') handleWindowsActivation(window);
    serveRenderer(bundles.rendererDir);
    handlers = observeHandlers(
      createHandlers(env, {
        emit: (event, payload) => window.send(event, payload),
        loginItem: osLoginItem(platform, env),
        menuBarOnlyDefault: builtMenuBarOnly(),
        onSettingsChanged: applySettings,
        openExternal: (url) => shell.openExternal(url),
        log,
        appVersion: app.getVersion(),
        copyText: (text) => clipboard.writeText(text),
      }),
      {
        onBusyChange: (b) => ((busy = b), redraw()),
        onChanged: () => watcher?.refresh(),
        onRestartPending: (p) => ((restartPending = p), redraw()),
      },
    );
    registerHandlers(handlers, (event) => window.isTrustedSender(event));

    const takeNotice = (id: string) => {
      const notice = notices.find((n) => n.id === id);
      notices = notices.filter((n) => n.id !== id);
      redraw();
      return notice;
    };
    const dispatch = createTrayDispatcher({ handlers, window, notify: notify('tray'), settings: () => settings, takeNotice, quit: () => app.quit() });
    tray = new TrayView(assets, platform, (action) => void dispatch(action));
    redraw();
    watcher = startStatusWatcher(env, {
      onStatus: (next) => {
        status = next;
        error = null;
        window.send('statusChanged', next);
        renewer.update(next.registries, renewPolicy(settings));
        redraw();
      },
      onError: (e) => {
        logFailure(log, 'reading the status', e);
        error = e instanceof Error ? e.message : String(e);
        redraw();
      },
      shouldPoll: () => window.isVisible(),
    });
    // Countdowns in the menu move on by the minute; nothing is read from disk for that.
    const tick = setInterval(redraw, minute);
    tick.unref?.();
    // IAM Identity Center sessions are refreshed before their tokens expire, for the AWS tools that share them too.
    const ssoTick = setInterval(
      () =>
        void refreshSsoSessions(env)
          .then((round) => announce(refreshRoundNotices(announced, round)))
          .catch((e: unknown) => logFailure(log, 'refreshing IAM Identity Center sessions', e)),
      5 * minute,
    );
    ssoTick.unref?.();
    // Timers do not run asleep: on wake, re-read (logins may have expired) and re-plan the renewals.
    powerMonitor.on('resume', () => watcher?.refresh());
    app.on('before-quit', () => {
      clearInterval(tick);
      clearInterval(ssoTick);
      watcher?.stop();
      renewer.stop();
    });

    const wasOpenedAtLogin = platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin;
    if (!startsHidden(process.argv, wasOpenedAtLogin)) window.show();
    try {
      applySettings(await handlers.getSettings(undefined));
    } catch (e) {
      // Unreadable settings must not keep the app from starting: it runs with the defaults (no auto-renew).
      console.error('Finch Logins: the settings could not be read; using the defaults.', e);
    }
    await watcher.refreshNow();
  });
}
