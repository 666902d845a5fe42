import 'server-only';

/** The app's own cookies (admin sign-in, the bot check's pass): one way to write them, one way to read them. */

/** `name=value` for an HttpOnly, SameSite=Lax cookie on the whole site; `maxAge` 0 clears it. */
export function httpOnlyCookie(request: Request, name: string, value: string, maxAgeSeconds: number) {
  const { hostname, protocol } = new URL(request.url);
  const https = protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https';
  // Secure everywhere but plain-HTTP localhost, where browsers would drop a Secure cookie.
  const local = !https && ['localhost', '127.0.0.1', '[::1]'].includes(hostname);
  return `${name}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${local ? '' : '; Secure'}`;
}

export function readCookie(cookieHeader: string | null, name: string) {
  for (const part of cookieHeader?.split(';') ?? []) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}
