// The one window: created on demand, destroyed when closed (the app lives on in the tray, and a closed window
// costs no renderer memory), re-created by Open or a notification click.
import { app, BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { EventName, Events } from '../../shared/contract';
import { emit } from './ipc';
import { isAppUrl, type PageSource } from './security';
import { createMainWindow, type WindowInputs } from './window';

export class MainWindow {
  private win: BrowserWindow | null = null;
  private loaded = false;
  /** Events for a window still loading: its page subscribes only once its script has run. */
  private queued: (() => void)[] = [];

  constructor(
    private readonly inputs: WindowInputs,
    private readonly page: PageSource,
    private readonly onShown: () => void = () => undefined,
  ) {}

  show(): void {
    // A menu-bar app is not the active app when its tray or a notification is clicked: bring it forward.
    if (process.platform === 'darwin') app.focus({ steal: true });
    const existing = this.win;
    if (existing && !existing.isDestroyed()) {
      if (existing.isMinimized()) existing.restore();
      existing.show();
      existing.focus();
      this.onShown();
      return;
    }
    const win = createMainWindow(BrowserWindow, this.inputs);
    this.win = win;
    this.loaded = false;
    win.once('ready-to-show', () => {
      win.show();
      this.onShown();
    });
    win.webContents.on('did-finish-load', () => {
      this.loaded = true;
      const queued = this.queued.splice(0);
      for (const send of queued) send();
    });
    win.on('closed', () => {
      if (this.win === win) this.win = null;
      this.loaded = false;
      this.queued = [];
    });
    void win.loadURL(this.page.entry);
  }

  isVisible(): boolean {
    return !!this.win && !this.win.isDestroyed() && this.win.isVisible() && !this.win.isMinimized();
  }

  /** Pushes an event to the page if there is one (a later window reads the status itself when it opens). */
  send<E extends EventName>(event: E, payload: Events[E]): void {
    if (this.win && !this.win.isDestroyed() && this.loaded) emit(this.win.webContents, event, payload);
  }

  /** Opens the window at a registry (a notification or the tray asked), once the page can listen. */
  focusRegistry(host: string): void {
    this.show();
    const win = this.win;
    if (!win) return;
    const send = () => emit(win.webContents, 'focusRegistry', { host });
    if (this.loaded) send();
    else this.queued.push(send);
  }

  /** IPC is answered only for our own window's top frame showing our own page. */
  isTrustedSender(event: IpcMainInvokeEvent): boolean {
    const win = this.win;
    const frame = event.senderFrame;
    return !!win && !win.isDestroyed() && event.sender === win.webContents && !!frame && frame === event.sender.mainFrame && isAppUrl(frame.url, this.page.devServer);
  }
}
