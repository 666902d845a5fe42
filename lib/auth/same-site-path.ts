/**
 * Where to go after sign-in: a path on this site only (`/\evil.com` and the like resolve elsewhere), never
 * an open redirect. Isomorphic: the sign-in page and the sign-in route both use it.
 */
export function sameSitePath(next: unknown) {
  if (typeof next !== 'string') return '/';
  const base = 'http://same.site';
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    return '/';
  }
  return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : '/';
}
