/**
 * Who may frame the call (docs/embed.md). Only /embed/* may be framed at all, and only by the exact origins
 * in EMBED_ALLOWED_ORIGINS; every other page keeps `frame-ancestors 'none'` and `X-Frame-Options: DENY`.
 * Isomorphic: proxy.ts, next.config.ts and the embed page use it.
 */

export function isEmbedPath(pathname: string) {
  return /^\/embed\/[^/]+\/?$/.test(pathname);
}

/** The CSP's frame-ancestors for a page: the allowlist for /embed/*, nobody (an empty list) elsewhere. */
export function frameAncestorsFor(pathname: string, allowed: readonly string[]): string[] {
  return isEmbedPath(pathname) ? [...allowed] : [];
}

/**
 * Whether `origin` (the one the launcher declares in the frame's URL) is on the list. Compared exactly, as
 * the browser writes origins: no case folding, no trailing slash, no wildcard, and never the opaque "null".
 */
export function isAllowedEmbedOrigin(origin: string | null | undefined, allowed: readonly string[]): origin is string {
  return typeof origin === 'string' && origin !== 'null' && allowed.includes(origin);
}

/**
 * next.config.ts's header rules' `source` for every path but /embed/*: X-Frame-Options has no allowlist
 * form, so it is sent everywhere the page may not be framed, and left off where the CSP decides.
 */
export const NOT_EMBED_SOURCE = '/((?!embed/).*)';

/** Set by proxy.ts on an /embed/* page request (and stripped from any other): the root layout's cue. */
export const EMBED_REQUEST_HEADER = 'x-embed-page';
