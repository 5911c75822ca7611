// Every IPC handler is registered here, through one wrapper: the sender must be our own window's top frame
// showing our own page; then dispatch() validates the payload against the channel's schema and answers with a
// Result envelope (the same path the e2e harness serves to Chromium).
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { channelId, channelNames, type EventName, type Events } from '../../shared/contract';
import { dispatch } from '../core/envelope';
import type { Handlers } from '../core/handlers';

export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

export function registerHandlers(handlers: Handlers, isTrustedSender: SenderCheck): void {
  for (const name of channelNames) {
    ipcMain.handle(channelId(name), async (event, payload: unknown) => {
      if (!isTrustedSender(event)) {
        return { ok: false, error: { kind: 'forbidden', message: 'This request did not come from the Finch Logins window.' } };
      }
      return dispatch(handlers, name, payload);
    });
  }
}

export function emit<E extends EventName>(target: WebContents, event: E, payload: Events[E]): void {
  if (!target.isDestroyed()) target.send(channelId(event), payload);
}
