// The only file that touches ipcRenderer. It exposes one domain object built from the contract's channel list,
// so a channel added to the contract appears here without code, and nothing else can be invoked.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { channelId, channelNames, eventNames, type Api, type EventName, type Events } from '../shared/contract';

const methods = Object.fromEntries(
  channelNames.map((name) => [name, (request?: unknown) => ipcRenderer.invoke(channelId(name), request)]),
);

const api = {
  ...methods,
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
    if (!(eventNames as readonly string[]).includes(event)) throw new Error(`Unknown event: ${String(event)}`);
    // The renderer never sees the IpcRendererEvent (it carries sender internals).
    const wrapped = (_e: IpcRendererEvent, payload: Events[E]) => listener(payload);
    ipcRenderer.on(channelId(event), wrapped);
    return () => {
      ipcRenderer.removeListener(channelId(event), wrapped);
    };
  },
} as Api;

contextBridge.exposeInMainWorld('finchLogins', api);
