import 'server-only';

/**
 * The app's own cookies (the admin session, the admin's device in login-throttle.ts, the bot check's pass):
 * one way to write them, one way to read them.
 */

interface Cookie {
  name: string;
  value: string;
  /** Seconds; 0 clears the cookie. */
  maxAge: number;
  path?: string;
}

export function serializeCookie(request: Request, { name, value, maxAge, path = '/' }: Cookie) {
  const { hostname, protocol } = new URL(request.url);
  const https = protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https';
  // Secure everywhere but plain-HTTP localhost, where browsers would drop a Secure cookie.
  const local = !https && ['localhost', '127.0.0.1', '[::1]'].includes(hostname);
  return `${name}=${value}; Path=${path}; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${local ? '' : '; Secure'}`;
}

export function cookieValue(cookieHeader: string | null, name: string) {
  for (const part of cookieHeader?.split(';') ?? []) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}
