import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { isEmulatorOnlyPath } from '@/lib/auth/access-policy';
import { routeContext } from '@/tests/unit/request';
import { endpointLabel, loadEndpoints, type Endpoint } from '@/tests/unit/route-files';
import { resetSecurityState, signIn, TEST_ADMIN_PASSWORD } from '@/tests/unit/security';

/**
 * A route that exists only in emulator mode answers 404 in live mode before it validates anything: every
 * route under app/api/emulator is found on disk and sent the worst request we can make (malformed params,
 * a body that is not JSON, a cross-site origin). Live, each one answers 404; on the emulator the same
 * request meets the usual checks (400, 403, 415, or 200 for a harmless GET), which proves the 404 comes from the mode and not from the input.
 */

let endpoints: Endpoint[] = [];
beforeAll(async () => {
  endpoints = (await loadEndpoints()).filter((endpoint) => isEmulatorOnlyPath(endpoint.pathname));
});

let cookie = '';
beforeEach(async () => {
  resetSecurityState();
  vi.stubEnv('ADMIN_PASSWORD', TEST_ADMIN_PASSWORD);
  cookie = await signIn();
});

function badRequest(endpoint: Endpoint) {
  const params = Object.fromEntries(Object.keys(endpoint.params).map((name) => [name, '%%not a valid value%%']));
  const request = new Request(`http://localhost${endpoint.pathname}?unexpected=1`, {
    method: endpoint.method,
    headers: { cookie, 'content-type': 'text/plain', 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
    body: endpoint.method === 'GET' ? undefined : '{not json',
  });
  return endpoint.handler(request, routeContext(params));
}

describe('emulator-only routes', () => {
  it('are found on disk: the emulator controls and its media at least', () => {
    expect(endpoints.map(endpointLabel)).toEqual(
      expect.arrayContaining(['GET /api/emulator', 'POST /api/emulator', 'GET /api/emulator/media/[kind]/[id]']),
    );
  });

  it('answer 404 not_found in live mode, before looking at params, query, body or origin', async () => {
    vi.stubEnv('RUNWAYML_API_SECRET', 'key_test_0123456789');
    vi.stubEnv('RUNWAYML_BASE_URL', 'https://api.runway.test');
    for (const endpoint of endpoints) {
      const response = await badRequest(endpoint);
      expect(response.status, endpointLabel(endpoint)).toBe(404);
      expect(await response.json(), endpointLabel(endpoint)).toEqual({ error: { code: 'not_found', message: 'Not found.' } });
    }
  });

  it('validate as usual in emulator mode: the same request is refused as bad input, not as missing', async () => {
    vi.stubEnv('RUNWAYML_API_SECRET', '');
    vi.stubEnv('RUNWAYML_BASE_URL', '');
    for (const endpoint of endpoints) {
      const { status } = await badRequest(endpoint);
      expect(status, endpointLabel(endpoint)).not.toBe(404);
      expect(status, endpointLabel(endpoint)).toBeLessThan(500);
    }
  });
});

describe('isEmulatorOnlyPath', () => {
  it.each(['/api/emulator', '/api/emulator/', '/api/emulator/media/videos/x', '/api/emulator/anything-new'])('marks %s', (pathname) => {
    expect(isEmulatorOnlyPath(pathname)).toBe(true);
  });
  it.each(['/api/emulators', '/api/emulatorx/rooms', '/api/sessions', '/emulator/voice-preview.wav'])('leaves %s alone', (pathname) => {
    expect(isEmulatorOnlyPath(pathname)).toBe(false);
  });
});
