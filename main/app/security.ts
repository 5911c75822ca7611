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

/** True for a URL of our own UI; everything else is refused as a navigation or IPC sender. */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${appScheme}:` && u.host === appHost;
  } catch {
    return false;
  }
}

/** Links the UI may open in the system browser; anything else is dropped. */
const externalAllowlist = ['https://runfinch.com/', 'https://github.com/runfinch/', 'https://docs.aws.amazon.com/'];
export function isAllowedExternal(url: string): boolean {
  return externalAllowlist.some((prefix) => url.startsWith(prefix));
}
