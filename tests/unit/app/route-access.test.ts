import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { isPublicPath } from '@/lib/auth/access-policy';
import { jsonRequest, routeContext } from '@/tests/unit/request';
import { endpointLabel as label, loadEndpoints, routeFiles, type Endpoint } from '@/tests/unit/route-files';
import { forgeToken, resetSecurityState, signIn, TEST_ADMIN_PASSWORD, TEST_AUTH_SECRET } from '@/tests/unit/security';

/**
 * "A new route cannot be forgotten": every route file under app/ is found on disk and imported, and every
 * HTTP method it exports on a path that lib/auth/access-policy.ts does not make public must refuse an anonymous
 * request with 401. The public API is pinned below, so making a route public is a deliberate change here.
 */

/** The API anyone may call. Adding to this list is a security decision: review the route first. */
const EXPECTED_PUBLIC_API = [
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'POST /api/avatar/session',
  'POST /api/bot-check',
  'GET /api/health',
  'POST /api/sessions',
  'DELETE /api/sessions/[id]',
  'GET /api/sessions/[id]',
  'POST /api/sessions/[id]/consume',
  'GET /api/sessions/[id]/tool-calls',
  // The embed launcher script other sites load (docs/embed.md): static text and the embed allowlist.
  'GET /embed.js',
];

let endpoints: Endpoint[] = [];

beforeAll(async () => {
  endpoints = await loadEndpoints();
});

beforeEach(() => {
  resetSecurityState();
  vi.stubEnv('ADMIN_PASSWORD', TEST_ADMIN_PASSWORD);
  vi.stubEnv('AUTH_SECRET', TEST_AUTH_SECRET);
  // Live mode with a Runway no request may reach: msw fails any that tries.
  vi.stubEnv('RUNWAYML_API_SECRET', 'key_test_0123456789');
  vi.stubEnv('RUNWAYML_BASE_URL', 'https://api.runway.test');
});

const protectedEndpoints = () => endpoints.filter((endpoint) => !isPublicPath(endpoint.pathname));
const publicEndpoints = () => endpoints.filter((endpoint) => isPublicPath(endpoint.pathname));

function call(endpoint: Endpoint, headers: Record<string, string> = {}) {
  // A JSON body for every method but GET, so a route reached by mistake would get as far as it could.
  const body = endpoint.method === 'GET' ? undefined : {};
  return endpoint.handler(jsonRequest(endpoint.pathname, { method: endpoint.method, body, headers }), routeContext(endpoint.params));
}

async function expectUnauthorized(endpoint: Endpoint, response: Response) {
  expect(response.status, label(endpoint)).toBe(401);
  expect(response.headers.get('cache-control'), label(endpoint)).toBe('no-store');
  expect(await response.json(), label(endpoint)).toEqual({ error: { code: 'unauthorized', message: 'Sign in as the admin to do this.' } });
}

describe('every route under app/', () => {
  it('is found on disk and exports at least one HTTP method (the scan is not vacuous)', () => {
    expect(routeFiles().length).toBeGreaterThanOrEqual(9);
    expect(endpoints.length).toBeGreaterThanOrEqual(routeFiles().length);
    expect(endpoints.map(label)).toContain('GET /api/conversations');
    expect(endpoints.map(label)).toContain('POST /api/sessions');
  });

  it('has exactly the expected public API', () => {
    expect(publicEndpoints().map(label).sort()).toEqual([...EXPECTED_PUBLIC_API].sort());
  });

  it('has admin-only routes, including history and avatar management', () => {
    expect(protectedEndpoints().map(label)).toEqual(expect.arrayContaining(['GET /api/conversations', 'POST /api/avatars']));
  });

  it('refuses an anonymous request to every admin-only route with 401 unauthorized', async () => {
    for (const endpoint of protectedEndpoints()) await expectUnauthorized(endpoint, await call(endpoint));
  });

  it('refuses a forged, expired or foreign admin cookie on every admin-only route with 401', async () => {
    const genuine = (await signIn()).slice('admin_session='.length);
    const claims = JSON.parse(Buffer.from(genuine.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    const forged = [
      'admin_session=forged',
      `admin_session=${await forgeToken(claims, { audience: 'admin-session', expiresAt: Date.now() - 1000 })}`,
      `admin_session=${await forgeToken(claims, { audience: 'session-ticket', expiresAt: Date.now() + 60_000 })}`,
      `admin_session=${await forgeToken(claims, { audience: 'admin-session', secret: 'x'.repeat(32), expiresAt: Date.now() + 60_000 })}`,
    ];
    for (const endpoint of protectedEndpoints()) {
      for (const cookie of forged) await expectUnauthorized(endpoint, await call(endpoint, { cookie }));
    }
  });

  // Routes that reach Runway meet msw's refusal and the SDK's two retries with backoff: seconds per route.
  it('lets the signed-in admin past the guard on every admin-only route', { timeout: 60_000 }, async () => {
    const cookie = await signIn();
    for (const endpoint of protectedEndpoints()) {
      const response = await call(endpoint, { cookie });
      expect(response.status, label(endpoint)).not.toBe(401);
    }
  });

  it('does not ask public routes for the admin cookie', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    for (const endpoint of publicEndpoints()) {
      const response = await call(endpoint);
      // Whatever else they answer (400, 403 without a session ticket, 415 …), it is not "sign in".
      expect(response.status, label(endpoint)).not.toBe(401);
      expect(response.status, label(endpoint)).toBeLessThan(500);
    }
  });
});

describe('isPublicPath', () => {
  it.each([
    '/',
    '/login',
    '/call/cat-character',
    '/examples/minimal',
    '/embed/cat-character',
    '/embed.js',
    '/api/health',
    '/api/auth/login',
    '/api/auth/logout',
    '/api/avatar/session',
    '/api/sessions',
    '/api/sessions/abc',
    '/api/sessions/abc/consume',
  ])('makes %s public', (pathname) => {
    expect(isPublicPath(pathname)).toBe(true);
  });

  it.each([
    '/admin',
    '/login/',
    '/call',
    '/call/a/b',
    '/embed',
    '/embed/a/b',
    '/embed.jsx',
    '/examples',
    '/examples/minimal/more',
    '/examples/other',
    '/api',
    '/api/',
    '/api/emulator',
    '/api/emulator/rooms',
    '/api/emulator/rooms/a/b',
    '/api/auth/session',
    '/api/health/details',
    '/api/sessions/abc/consume/again',
    '/api/sessions//consume',
    '/api/avatars',
    '/api/anything-new',
    '/api/healthz',
  ])('keeps %s admin-only', (pathname) => {
    expect(isPublicPath(pathname)).toBe(false);
  });
});
