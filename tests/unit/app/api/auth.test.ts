import { beforeEach, describe, expect, it, vi } from 'vitest';
import { POST as login } from '@/app/api/auth/login/route';
import { POST as logout } from '@/app/api/auth/logout/route';
import { GET as emulatorGet } from '@/app/api/emulator/route';
import { DEVELOPMENT_PASSWORD } from '@/lib/server/auth/admin';
import { jsonRequest, routeContext } from '@/tests/unit/request';
import { resetSecurityState, TEST_ADMIN_PASSWORD } from '@/tests/unit/security';

/** Admin sign-in: one password, a signed HttpOnly cookie, and a growing delay after failed attempts. */

const COOKIE = /^admin_session=[\w-]+\.[\w-]+\.[\w-]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=28800$/;

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

/** What a browser sends back: the name=value pair of a Set-Cookie. */
const cookieOf = (response: Response) => response.headers.get('set-cookie')!.split(';')[0]!;

const isAdmin = async (cookie?: string) =>
  (await emulatorGet(jsonRequest('/api/emulator', { headers: cookie ? { cookie } : {} }), routeContext({}))).status !== 401;

beforeEach(() => {
  resetSecurityState();
  // Emulator mode with no ADMIN_PASSWORD unless a test sets one.
  vi.stubEnv('RUNWAYML_API_SECRET', '');
  vi.stubEnv('RUNWAYML_BASE_URL', '');
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
    expect(response.headers.get('set-cookie')).toMatch(COOKIE);
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
    const setCookie = response.headers.get('set-cookie')!;
    if (secure) {
      expect(setCookie.endsWith('; Secure')).toBe(true);
      expect(setCookie.slice(0, -'; Secure'.length)).toMatch(COOKIE);
    } else {
      expect(setCookie).toMatch(COOKIE);
    }
  });

  it('uses ADMIN_PASSWORD when set, and then the development password no longer works', async () => {
    vi.stubEnv('ADMIN_PASSWORD', TEST_ADMIN_PASSWORD);
    expect(await errorOf(await signIn('admin', { headers: { 'x-forwarded-for': '192.0.2.1' } }))).toMatchObject({ status: 401 });
    const response = await signIn(TEST_ADMIN_PASSWORD, { headers: { 'x-forwarded-for': '192.0.2.2' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toMatch(COOKIE);
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

  describe('after failed attempts', () => {
    const waitFor = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

    it('makes the same client wait longer after each failure: 250 ms, then 500 ms, refusing with 429 meanwhile', async () => {
      const client = { headers: { 'x-forwarded-for': '198.51.100.7' } };
      expect((await signIn('wrong-1', client)).status).toBe(401);
      const early = await signIn('wrong-2', client);
      expect(await errorOf(early)).toMatchObject({ status: 429, code: 'rate_limited' });
      expect(Number(early.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      await waitFor(260);
      expect((await signIn('wrong-2', client)).status).toBe(401);
      await waitFor(260);
      expect((await signIn('wrong-3', client)).status).toBe(429);
      await waitFor(260);
      expect((await signIn('wrong-3', client)).status).toBe(401);
    });

    it('refuses parallel guesses: only one of them is checked', async () => {
      const client = { headers: { 'x-forwarded-for': '198.51.100.11' } };
      const statuses = (await Promise.all(['a', 'b', 'c', 'd'].map((guess) => signIn(`wrong-${guess}`, client)))).map(
        (response) => response.status,
      );
      expect(statuses.sort()).toEqual([401, 429, 429, 429]);
    });

    it('refuses even the right password inside the window (a refusal tells nothing), then forgets the failures', async () => {
      const client = { headers: { 'x-forwarded-for': '198.51.100.8' } };
      expect((await signIn('wrong', client)).status).toBe(401);
      expect((await signIn('admin', client)).status).toBe(429);
      await waitFor(260);
      expect((await signIn('admin', client)).status).toBe(200);
      // Success forgets the failures: the next wrong attempt is answered at once, with no 429 after it yet.
      expect((await signIn('wrong-again', client)).status).toBe(401);
    });

    it('holds back only the client that failed, identified like the session limits (the last X-Forwarded-For hop)', async () => {
      expect((await signIn('wrong', { headers: { 'x-forwarded-for': '203.0.113.50, 198.51.100.9' } })).status).toBe(401);
      // Another client is answered.
      expect((await signIn('wrong', { headers: { 'x-forwarded-for': '198.51.100.10' } })).status).toBe(401);
      // The same client with a forged first entry is still held back.
      expect((await signIn('wrong', { headers: { 'x-forwarded-for': 'forged, 198.51.100.9' } })).status).toBe(429);
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
    expect(response.headers.get('set-cookie')).toMatch(COOKIE);
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
