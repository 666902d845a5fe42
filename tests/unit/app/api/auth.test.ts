import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { POST as login } from '@/app/api/auth/login/route';
import { POST as logout } from '@/app/api/auth/logout/route';
import { GET as usageGet } from '@/app/api/usage/route';
import { DEVELOPMENT_PASSWORD } from '@/lib/server/auth/admin';
import { jsonRequest, routeContext } from '@/tests/unit/request';
import { resetSecurityState, tamperPayload, tamperSignature, TEST_ADMIN_PASSWORD } from '@/tests/unit/security';

/** Admin sign-in: one password, a signed HttpOnly cookie, and a growing delay after failed attempts. */

const COOKIE = /^admin_session=[\w-]+\.[\w-]+\.[\w-]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=28800$/;
/** The mark of a browser that signed in (lib/server/auth/login-throttle.ts): sent back to the sign-in route only. */
const DEVICE_COOKIE = /^admin_device=[\w-]+\.[\w-]+\.[\w-]+; Path=\/api\/auth\/login; HttpOnly; SameSite=Lax; Max-Age=15552000$/;

function signIn(password: unknown, init: { headers?: Record<string, string>; url?: string } = {}) {
  const { headers = {}, url = 'http://localhost/api/auth/login' } = init;
  const request = new Request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ password }),
  });
  return login(request, routeContext({}));
}

async function errorOf(response: Response) {
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(response.headers.get('set-cookie')).toBeNull();
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(Object.keys(body)).toEqual(['error']);
  return { status: response.status, code: body.error.code, message: body.error.message };
}

/** The admin session's Set-Cookie, and the device's, in that order. */
const setCookies = (response: Response) => response.headers.getSetCookie();
/** What a browser sends back: the name=value pair of a Set-Cookie (the session's, unless told). */
const cookieOf = (response: Response, index = 0) => setCookies(response)[index]!.split(';')[0]!;

// An admin-only route that answers the admin without asking Runway: with no range, a 400.
const isAdmin = async (cookie?: string) =>
  (await usageGet(jsonRequest('/api/usage', { headers: cookie ? { cookie } : {} }), routeContext({}))).status !== 401;

beforeEach(() => {
  resetSecurityState();
  // Emulator mode (no key, an emulator's URL) with no ADMIN_PASSWORD unless a test sets one.
  vi.stubEnv('RUNWAYML_API_SECRET', '');
  vi.stubEnv('RUNWAYML_BASE_URL', 'http://127.0.0.1:4010');
  vi.stubEnv('ADMIN_PASSWORD', '');
  vi.stubEnv('AUTH_SECRET', '');
});

describe('POST /api/auth/login', () => {
  it('accepts the development password on the emulator when no ADMIN_PASSWORD is set, and sets the admin cookie', async () => {
    expect(DEVELOPMENT_PASSWORD).toBe('admin');
    const response = await signIn('admin');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ ok: true });
    // Plain-HTTP localhost: no Secure, or the browser would drop the cookie.
    const [session, device] = setCookies(response);
    expect(session).toMatch(COOKIE);
    expect(device).toMatch(DEVICE_COOKIE);
  });

  it('issues a cookie that makes the request the admin’s, which a visitor without it is not', async () => {
    const cookie = cookieOf(await signIn('admin'));
    expect(await isAdmin(cookie)).toBe(true);
    expect(await isAdmin()).toBe(false);
    expect(await isAdmin(`theme=dark; ${cookie}`)).toBe(true);
  });

  it('issues a JWT for the admin audience that expires 8 hours ahead and carries no password', async () => {
    const value = cookieOf(await signIn('admin')).slice('admin_session='.length);
    const payload = JSON.parse(Buffer.from(value.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    expect(Object.keys(payload).sort()).toEqual(['aud', 'exp', 'iat', 'iss', 'pwd']);
    expect(payload.aud).toBe('admin-session');
    expect(Math.abs((payload.exp as number) * 1000 - (Date.now() + 8 * 3600_000))).toBeLessThan(5000);
    // A keyed digest: neither the password nor an unkeyed hash of it.
    expect(payload.pwd).toMatch(/^[\w-]{22}$/);
    expect(value).not.toContain(Buffer.from('admin').toString('base64url'));
  });

  it('signs every admin out when the password changes', async () => {
    vi.stubEnv('ADMIN_PASSWORD', 'first-admin-password');
    const cookie = cookieOf(await signIn('first-admin-password'));
    expect(await isAdmin(cookie)).toBe(true);
    vi.stubEnv('ADMIN_PASSWORD', 'second-admin-password');
    expect(await isAdmin(cookie)).toBe(false);
  });

  it.each([
    ['https://app.example.com/api/auth/login', {}, true],
    ['http://app.example.com/api/auth/login', {}, true],
    ['http://localhost/api/auth/login', { 'x-forwarded-proto': 'https' }, true],
    ['http://localhost:3000/api/auth/login', {}, false],
    ['http://127.0.0.1:3000/api/auth/login', {}, false],
    ['http://[::1]:3000/api/auth/login', {}, false],
  ])('marks the cookie Secure for %s %j: %s', async (url, headers, secure) => {
    const response = await signIn('admin', { url, headers });
    expect(response.status).toBe(200);
    const [session, device] = setCookies(response) as [string, string];
    if (secure) {
      expect(session.endsWith('; Secure')).toBe(true);
      expect(session.slice(0, -'; Secure'.length)).toMatch(COOKIE);
      expect(device.slice(0, -'; Secure'.length)).toMatch(DEVICE_COOKIE);
    } else {
      expect(session).toMatch(COOKIE);
      expect(device).toMatch(DEVICE_COOKIE);
    }
  });

  it('uses ADMIN_PASSWORD when set, and then the development password no longer works', async () => {
    vi.stubEnv('ADMIN_PASSWORD', TEST_ADMIN_PASSWORD);
    vi.stubEnv('TRUSTED_PROXY_HOPS', '1');
    expect(await errorOf(await signIn('admin', { headers: { 'x-forwarded-for': '192.0.2.1' } }))).toMatchObject({ status: 401 });
    const response = await signIn(TEST_ADMIN_PASSWORD, { headers: { 'x-forwarded-for': '192.0.2.2' } });
    expect(response.status).toBe(200);
    expect(setCookies(response)[0]).toMatch(COOKIE);
  });

  it('with a live key and no ADMIN_PASSWORD, admin sign-in is off: 403 forbidden, even for the development password', async () => {
    vi.stubEnv('RUNWAYML_API_SECRET', 'key_live_0123456789');
    expect(await errorOf(await signIn('admin'))).toEqual({
      status: 403,
      code: 'forbidden',
      message: 'Admin sign-in is off: set ADMIN_PASSWORD on the server.',
    });
    vi.stubEnv('ADMIN_PASSWORD', TEST_ADMIN_PASSWORD);
    expect((await signIn(TEST_ADMIN_PASSWORD)).status).toBe(200);
  });

  it('answers a wrong password with 401 unauthorized and no cookie', async () => {
    vi.stubEnv('TRUSTED_PROXY_HOPS', '1');
    expect(await errorOf(await signIn('Admin'))).toEqual({ status: 401, code: 'unauthorized', message: 'That password is not right.' });
    expect(await errorOf(await signIn('admin ', { headers: { 'x-forwarded-for': '192.0.2.9' } }))).toMatchObject({ status: 401 });
  });

  it.each([
    ['no password', {}],
    ['an empty password', { password: '' }],
    ['a password that is not a string', { password: 12345678901234 }],
    ['a password over 200 characters', { password: 'a'.repeat(201) }],
    ['an unknown key', { password: 'admin', remember: true }],
  ])('rejects a body with %s: 400 invalid_request, no cookie', async (_name, body) => {
    const response = await login(jsonRequest('/api/auth/login', { body }), routeContext({}));
    expect(await errorOf(response)).toMatchObject({ status: 400, code: 'invalid_request' });
  });

  it('rejects a body that is neither JSON nor a form post with 415', async () => {
    const request = new Request('http://localhost/api/auth/login', {
      method: 'POST',
      body: 'password=admin',
      headers: { 'content-type': 'text/plain' },
    });
    expect(await errorOf(await login(request, routeContext({})))).toMatchObject({ status: 415, code: 'unsupported_media_type' });
  });

  it.each([
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['an Origin of another site', { origin: 'https://evil.example' }],
  ])('refuses a cross-site sign-in (login CSRF) with %s: 403, no cookie', async (_name, headers) => {
    expect(await errorOf(await signIn('admin', { headers }))).toMatchObject({ status: 403, code: 'forbidden' });
  });

  describe('after failed attempts (lib/server/auth/login-throttle.ts)', () => {
    beforeEach(() => {
      vi.useFakeTimers();
    });
    afterEach(() => {
      vi.useRealTimers();
    });
    const later = (ms: number) => vi.advanceTimersByTime(ms);
    /** A browser that signed in before: it sends its device cookie back to the sign-in route. */
    async function recognisedBrowser(headers: Record<string, string> = {}) {
      const response = await signIn('admin', { headers });
      expect(response.status).toBe(200);
      return cookieOf(response, 1);
    }

    it('makes the same client wait longer after each failure: 250 ms, then 500 ms, refusing with 429 meanwhile', async () => {
      expect((await signIn('wrong-1')).status).toBe(401);
      const early = await signIn('wrong-2');
      expect(await errorOf(early)).toMatchObject({ status: 429, code: 'rate_limited' });
      expect(Number(early.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      later(260);
      expect((await signIn('wrong-2')).status).toBe(401);
      later(260);
      expect((await signIn('wrong-3')).status).toBe(429);
      later(260);
      expect((await signIn('wrong-3')).status).toBe(401);
    });

    it('never makes a client wait more than 5 s, however many failures', async () => {
      for (let attempt = 0; attempt < 12; attempt++) {
        expect((await signIn(`wrong-${attempt}`)).status).toBe(401);
        const refused = await signIn('wrong');
        expect(refused.status).toBe(429);
        expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(5);
        later(5000);
      }
    });

    it('refuses parallel guesses: only one of them is checked', async () => {
      const statuses = (await Promise.all(['a', 'b', 'c', 'd'].map((guess) => signIn(`wrong-${guess}`)))).map(
        (response) => response.status,
      );
      expect(statuses.sort()).toEqual([401, 429, 429, 429]);
    });

    it('refuses even the right password inside the window (a refusal tells nothing), then forgets the failures', async () => {
      expect((await signIn('wrong')).status).toBe(401);
      expect((await signIn('admin')).status).toBe(429);
      later(260);
      expect((await signIn('admin')).status).toBe(200);
      // Success forgets the failures: the next wrong attempt is answered at once, with no 429 after it yet.
      expect((await signIn('wrong-again')).status).toBe(401);
    });

    /**
     * By default every visitor is one client: a guesser who keeps failing keeps that client's window shut.
     * A browser that has signed in before has a window of its own, so the admin gets in at once.
     */
    it.each([
      ['by default (everyone is one client), the guesser rotating X-Forwarded-For', '0', (i: number) => `198.51.100.${i + 1}`, undefined],
      [
        'with TRUSTED_PROXY_HOPS=1, the guesser at the admin’s own address (one NAT), rotating the entries before it',
        '1',
        (i: number) => `198.51.100.${i + 1}, 203.0.113.7`,
        '203.0.113.7',
      ],
    ])(
      '%s: a browser that signed in before gets in at once, every time, mid-attack',
      async (_label, hops, guesserAddress, adminAddress) => {
        vi.stubEnv('TRUSTED_PROXY_HOPS', hops);
        const at: Record<string, string> = adminAddress ? { 'x-forwarded-for': adminAddress } : {};
        const device = await recognisedBrowser(at);
        const hammer = async (round: number) =>
          Promise.all(
            Array.from({ length: 5 }, (_, i) => signIn(`guess-${round}-${i}`, { headers: { 'x-forwarded-for': guesserAddress(i) } })),
          );
        for (let round = 0; round < 20; round++) {
          const statuses = (await hammer(round)).map((response) => response.status);
          // The guesser is still held to one checked guess per window, whatever address it claims.
          expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(1);
          // A new browser of the same client is held back with it (the documented trade-off)…
          expect((await signIn('admin', { headers: at })).status).toBe(429);
          // …but the browser that signed in before is let in at once.
          expect((await signIn('admin', { headers: { ...at, cookie: device } })).status).toBe(200);
          later(1000);
        }
      },
    );

    it('holds a browser that signed in before to its own window: its wrong guesses back off, and parallel ones are refused', async () => {
      const device = await recognisedBrowser();
      const withDevice = { headers: { cookie: device } };
      const statuses = (await Promise.all(['a', 'b', 'c'].map((guess) => signIn(`wrong-${guess}`, withDevice)))).map(
        (response) => response.status,
      );
      expect(statuses.sort()).toEqual([401, 429, 429]);
      expect((await signIn('admin', withDevice)).status).toBe(429);
      // Its failures are its own: a browser without the cookie is not held back by them.
      expect((await signIn('admin')).status).toBe(200);
      later(260);
      expect((await signIn('admin', withDevice)).status).toBe(200);
    });

    it('gives a forged or tampered device cookie no window of its own', async () => {
      const device = await recognisedBrowser();
      expect((await signIn('wrong')).status).toBe(401);
      const [name, value] = device.split('=') as [string, string];
      for (const cookie of [
        `${name}=${tamperSignature(value)}`,
        `${name}=${tamperPayload(value, (payload) => ({ ...payload, id: 'x' }))}`,
        `${name}=forged`,
      ]) {
        expect((await signIn('admin', { headers: { cookie } })).status).toBe(429);
      }
    });

    it('with TRUSTED_PROXY_HOPS=1, holds back only the client that failed (the address the proxy saw), however it rotates the entries before it', async () => {
      vi.stubEnv('TRUSTED_PROXY_HOPS', '1');
      expect((await signIn('wrong', { headers: { 'x-forwarded-for': '203.0.113.50, 198.51.100.9' } })).status).toBe(401);
      for (const forged of ['forged', '203.0.113.51', '10.0.0.1']) {
        expect((await signIn('wrong', { headers: { 'x-forwarded-for': `${forged}, 198.51.100.9` } })).status).toBe(429);
      }
      // Another client, a new browser that never signed in, is answered at once.
      expect((await signIn('admin', { headers: { 'x-forwarded-for': '198.51.100.10' } })).status).toBe(200);
    });
  });
});

describe('POST /api/auth/logout', () => {
  it('clears the cookie: same attributes, empty value, Max-Age=0', async () => {
    const response = await logout(jsonRequest('/api/auth/logout', { method: 'POST' }), routeContext({}));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ ok: true });
    expect(response.headers.get('set-cookie')).toBe('admin_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0');
  });

  it('clears a Secure cookie over HTTPS', async () => {
    const request = new Request('https://app.example.com/api/auth/logout', { method: 'POST' });
    expect((await logout(request, routeContext({}))).headers.get('set-cookie')).toBe(
      'admin_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0; Secure',
    );
  });

  it('leaves the browser with a cookie that no longer makes it the admin', async () => {
    const response = await logout(jsonRequest('/api/auth/logout', { method: 'POST' }), routeContext({}));
    expect(await isAdmin(cookieOf(response))).toBe(false);
  });

  it('refuses a cross-site sign-out with 403', async () => {
    const request = jsonRequest('/api/auth/logout', { method: 'POST', headers: { 'sec-fetch-site': 'cross-site' } });
    expect(await errorOf(await logout(request, routeContext({})))).toMatchObject({ status: 403, code: 'forbidden' });
  });
});

/** The sign-in form before hydration, or with JavaScript off: a plain form post, answered with redirects. */
describe('POST /api/auth/login as an HTML form post', () => {
  beforeEach(() => {
    vi.stubEnv('ADMIN_PASSWORD', TEST_ADMIN_PASSWORD);
  });

  function formPost(password: string, next = '/avatars', headers: Record<string, string> = {}) {
    const request = new Request(`http://localhost/api/auth/login?${new URLSearchParams({ next })}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost', ...headers },
      body: new URLSearchParams({ password }).toString(),
    });
    return login(request, routeContext({}));
  }

  it('signs in and redirects (303) to next, with the cookie set', async () => {
    const response = await formPost(TEST_ADMIN_PASSWORD);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/avatars');
    expect(setCookies(response)[0]).toMatch(COOKIE);
    expect(setCookies(response)[1]).toMatch(DEVICE_COOKIE);
    expect(await isAdmin(cookieOf(response))).toBe(true);
  });

  it('sends a wrong password back to /login with an error code and next, never the password', async () => {
    const response = await formPost('not-the-password');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/login?error=unauthorized&next=%2Favatars');
    expect(response.headers.get('location')).not.toContain('not-the-password');
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it.each([
    ['an empty password', '', 'invalid_request'],
    ['a cross-site post', TEST_ADMIN_PASSWORD, 'forbidden'],
  ])('answers %s with a redirect to the form, not JSON', async (_label, password, code) => {
    const headers: Record<string, string> = code === 'forbidden' ? { 'sec-fetch-site': 'cross-site' } : {};
    const response = await formPost(password, '/avatars', headers);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/login?error=${code}&next=%2Favatars`);
  });

  it('never redirects off the site', async () => {
    expect((await formPost(TEST_ADMIN_PASSWORD, '//evil.example/')).headers.get('location')).toBe('/');
    expect((await formPost('wrong', 'https://evil.example/')).headers.get('location')).toBe('/login?error=unauthorized&next=%2F');
  });
});
