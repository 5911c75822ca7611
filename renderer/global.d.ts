// The one object the preload exposes (preload/index.ts); the renderer reaches main only through it.
import type { Api } from '../shared/contract';

declare global {
  interface Window {
    readonly finchLogins: Api;
  }
}

export {};
