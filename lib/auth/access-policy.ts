/**
 * Which paths anyone may use. Everything else needs an admin session: deny by default, so a page or route
 * added later is protected until someone decides otherwise here. proxy.ts and lib/server/http.ts both
 * consult this one list. Isomorphic: proxy.ts imports it.
 */

// /examples/minimal: the minimal integration of docs/customizing.md, runnable (it calls a preset, like the home page).
// /embed/…: the call in another site's iframe, and /embed.js, the script that adds it (docs/embed.md).
const PUBLIC_PAGES = [/^\/$/, /^\/call\/[^/]+$/, /^\/login$/, /^\/examples\/minimal$/, /^\/embed\/[^/]+$/, /^\/embed\.js$/];

const PUBLIC_API = [
  /^\/api\/health$/,
  /^\/api\/auth\/(login|logout)$/,
  /^\/api\/avatar\/session$/,
  // The optional bot check's token exchange: a visitor needs its pass before any call start.
  /^\/api\/bot-check$/,
  /^\/api\/sessions$/,
  /^\/api\/sessions\/[^/]+$/,
  /^\/api\/sessions\/[^/]+\/consume$/,
  /^\/api\/sessions\/[^/]+\/tool-calls$/,
];

export function isPublicPath(pathname: string) {
  const list = pathname.startsWith('/api/') ? PUBLIC_API : PUBLIC_PAGES;
  return list.some((pattern) => pattern.test(pathname));
}

export const ADMIN_COOKIE = 'admin_session';
