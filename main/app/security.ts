// The security decisions of the shell, as pure data and predicates so unit tests can pin them down.

/** The UI is served from this privileged custom scheme (never file:// and never remote). */
export const appScheme = 'app';
export const appHost = 'finch-logins';
export const appOrigin = `${appScheme}://${appHost}`;
export const appEntryUrl = `${appOrigin}/index.html`;

export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/**
 * True for a URL of our own UI; everything else is refused as a navigation or IPC sender. `devServer`: in
 * development only (see pageSource), electron-vite's dev server on this machine serves the same page.
 */
export function isAppUrl(url: string, devServer?: string): boolean {
  try {
    const u = new URL(url);
    if (u.protocol === `${appScheme}:` && u.host === appHost) return true;
    return devServer !== undefined && u.origin === new URL(devServer).origin;
  } catch {
    return false;
  }
}

/**
 * `npm run dev` only (electron.vite.config.ts applies it to the dev server, never to a build): Vite injects React
 * Refresh as an inline script and CSS as <style> elements, and talks to the page over a websocket, all of which the
 * page's policy refuses. The built page keeps the strict policy.
 */
export function devServerPolicy(csp: string): string {
  return csp
    .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
    .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
    .replace("connect-src 'none'", "connect-src 'self' ws://localhost:* ws://127.0.0.1:*");
}

/** electron-vite's dev server: http on this machine only. */
function isLocalDevServer(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
  } catch {
    return false;
  }
}

export interface PageSource {
  /** The URL the window loads. */
  entry: string;
  /** The dev server's URL when the page comes from it (development only). */
  devServer?: string;
}

/**
 * Where the window's page comes from: the built renderer on app://, or — only when not packaged, and only from
 * this machine — the dev server `npm run dev` starts (ELECTRON_RENDERER_URL), so edits show without a rebuild.
 */
export function pageSource(isPackaged: boolean, rendererUrl: string | undefined): PageSource {
  if (isPackaged || !rendererUrl || !isLocalDevServer(rendererUrl)) return { entry: appEntryUrl };
  return { entry: rendererUrl, devServer: rendererUrl };
}

/**
 * The file an app:// URL names inside the renderer folder, or null: another host, a path that escapes the folder,
 * or a malformed escape (`%E0%A4%A`), which decodeURIComponent would throw on.
 */
export function rendererFile(rendererDir: string, url: string, join: (...p: string[]) => string, sep: string): string | null {
  let u: URL;
  let pathname: string;
  try {
    u = new URL(url);
    pathname = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (u.host !== appHost || pathname.includes('\0')) return null;
  const file = join(rendererDir, pathname);
  return file.startsWith(rendererDir + sep) ? file : null;
}

/** Links the UI may open in the system browser; anything else is dropped. */
const externalAllowlist = ['https://runfinch.com/', 'https://github.com/runfinch/', 'https://docs.aws.amazon.com/'];
export function isAllowedExternal(url: string): boolean {
  return externalAllowlist.some((prefix) => url.startsWith(prefix));
}
