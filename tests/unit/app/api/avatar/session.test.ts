import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { POST } from '@/app/api/avatar/session/route';
import { DEMO_AVATAR_ID } from 'runway-emulator';
import { RUNWAY_TEST_URL, useRunwayFake } from '@/tests/msw/runway';
import { server } from '@/tests/msw/server';
import { jsonRequest, routeContext } from '@/tests/unit/request';
import { signInWithTestPassword, useFreshLimits } from '@/tests/unit/security';
import { trainSharedReadinessModel } from '@/tests/unit/readiness';
import { joinRoom } from 'runway-emulator/testing';

const API_KEY = 'key_test_0123456789';

function startCall(body: unknown, headers?: Record<string, string>) {
  return POST(jsonRequest('/api/avatar/session', { body, headers }), routeContext({}));
}

/** Every error the app returns has exactly this shape, and nothing more. */
async function expectError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('cache-control')).toBe('no-store');
  const body = (await response.json()) as { error: { code: string; message: string; details?: unknown } };
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(body.error.message.length).toBeGreaterThan(0);
  return body.error;
}

trainSharedReadinessModel();

describe('POST /api/avatar/session (the one-shot connectUrl flow)', () => {
  const fake = useRunwayFake();
  useFreshLimits();
  let log: MockInstance<typeof console.error>;
  beforeEach(() => {
    log = vi.spyOn(console, 'error').mockImplementation(() => {});
  });

  /** The one line the server logged for a 5xx: the code and the cause, never the API key. */
  function loggedLine(code: string) {
    expect(log).toHaveBeenCalledTimes(1);
    const [line] = log.mock.calls[0]!;
    expect(line).toMatch(new RegExp(`^\\[api\\] POST /api/avatar/session → ${code}: `));
    expect(line).not.toContain(API_KEY);
    return line as string;
  }

  it('answers 200 with LiveKit credentials in the shape <AvatarCall credentials> expects, never cached', async () => {
    const response = await startCall({ avatarId: 'cat-character' });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store, no-transform');
    const credentials = (await response.json()) as Record<string, string>;
    expect(Object.keys(credentials).sort()).toEqual(['roomName', 'serverUrl', 'sessionId', 'token']);
    expect(credentials).toMatchObject({
      serverUrl: expect.stringMatching(/^ws:\/\/api\.runway\.test:\d+$/),
      roomName: `emulated-${credentials.sessionId}`,
    });
    // Consumed and waiting for the browser to join; joining with these credentials starts the call.
    expect(fake.emulator.control.sessions().map((session) => session.status)).toEqual(['READY']);
    expect(joinRoom(fake.emulator.control, credentials.roomName!)?.status).toBe('RUNNING');
    expect(fake.emulator.control.sessions().map((session) => session.status)).toEqual(['RUNNING']);
    expect(log).not.toHaveBeenCalled();
  });

  describe('rejects bad requests before calling Runway', () => {
    it('a missing avatarId → 400 invalid_request naming the field', async () => {
      const error = await expectError(await startCall({}), 400, 'invalid_request');
      expect(error.details).toEqual([{ path: 'body.avatarId', message: expect.any(String) }]);
      expect(fake.requests).toEqual([]);
    });

    it.each(['dog-character', 'not-a-uuid', '', '6f1c2a4e8b3d4c5f9a7e2d4b6c8e0f13x'])('the avatarId %j → 400', async (avatarId) => {
      const error = await expectError(await startCall({ avatarId }), 400, 'invalid_request');
      expect(error.message).toContain('body.avatarId');
      expect(fake.requests).toEqual([]);
    });

    it('an avatarId that is not a string → 400', async () => {
      await expectError(await startCall({ avatarId: 42 }), 400, 'invalid_request');
    });

    it('an unknown extra key → 400', async () => {
      const error = await expectError(await startCall({ avatarId: 'cat-character', maxDuration: 1800 }), 400, 'invalid_request');
      expect(error.message).toContain('maxDuration');
      expect(fake.requests).toEqual([]);
    });

    it.each([null, [], 'cat-character'])('a JSON body that is not an object (%j) → 400', async (body) => {
      await expectError(await startCall(JSON.stringify(body)), 400, 'invalid_request');
    });

    it('a body that is not application/json → 415', async () => {
      const request = new Request('http://localhost/api/avatar/session', {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify({ avatarId: 'cat-character' }),
      });
      await expectError(await POST(request, routeContext({})), 415, 'unsupported_media_type');
      expect(fake.requests).toEqual([]);
    });

    it('no body and no content type at all → 415', async () => {
      const request = new Request('http://localhost/api/avatar/session', { method: 'POST' });
      await expectError(await POST(request, routeContext({})), 415, 'unsupported_media_type');
    });

    it('accepts application/json with a charset parameter', async () => {
      const response = await startCall({ avatarId: 'x' }, { 'content-type': 'application/json; charset=utf-8' });
      await expectError(response, 400, 'invalid_request');
    });

    it('invalid JSON → 400', async () => {
      const error = await expectError(await startCall('{"avatarId": "cat-'), 400, 'invalid_request');
      expect(error.message).toBe('The body is not valid JSON.');
    });

    it('a body over 16 KB → 413, counted in bytes', async () => {
      const padding = (bytes: number) => JSON.stringify({ avatarId: 'cat-character', pad: '' }).length + bytes;
      const exactly16k = JSON.stringify({ avatarId: 'cat-character', pad: 'x'.repeat(16 * 1024 - padding(0)) });
      expect(new TextEncoder().encode(exactly16k).byteLength).toBe(16 * 1024);
      // 16 KB is allowed through to validation (which rejects the extra key), one byte more is not.
      await expectError(await startCall(exactly16k), 400, 'invalid_request');
      await expectError(await startCall(`${exactly16k} `), 413, 'payload_too_large');
      // 6000 characters, but 18 000 bytes.
      await expectError(await startCall({ avatarId: 'cat-character', pad: '€'.repeat(6000) }), 413, 'payload_too_large');
      expect(fake.requests).toEqual([]);
    });
  });

  describe('maps Runway failures to statuses a browser can act on', () => {
    it('Runway rejecting the API key (401) → 502 upstream_unauthorized', async () => {
      fake.emulator.control.queueFaults(['http-401']);
      const error = await expectError(await startCall({ avatarId: 'cat-character' }), 502, 'upstream_unauthorized');
      expect(error.message).toBe('The server could not sign in to Runway. The site owner needs to check its API key.');
      // The visitor is not told the server's variable names; the site owner finds the detail in the log.
      expect(error.message).not.toContain('RUNWAYML_API_SECRET');
      expect(loggedLine('upstream_unauthorized')).toContain('Invalid API key');
    });

    it('Runway at capacity (429) → 429 rate_limited with Retry-After: 30', async () => {
      fake.emulator.control.queueFaults(['http-429']);
      const response = await startCall({ avatarId: 'cat-character' });
      expect(response.headers.get('retry-after')).toBe('30');
      await expectError(response, 429, 'rate_limited');
      expect(log).not.toHaveBeenCalled();
    });

    it('Runway failing (500) → 503 upstream_unavailable, after a single create attempt', async () => {
      fake.emulator.control.queueFaults(['http-500']);
      const response = await startCall({ avatarId: 'cat-character' });
      expect(response.headers.get('retry-after')).toBeNull();
      await expectError(response, 503, 'upstream_unavailable');
      expect(fake.requests).toEqual(['POST /v1/realtime_sessions']);
      loggedLine('upstream_unavailable');
    });

    it('a custom avatar Runway does not know → 404 not_found', async () => {
      const error = await expectError(await startCall({ avatarId: '00000000-0000-4000-8000-000000000000' }), 404, 'not_found');
      expect(error.message).toBe('Avatar not found.');
    });

    it('a session that FAILED → 502 session_failed with the failure code, and it is not cancelled', async () => {
      fake.emulator.control.queueFaults(['fail']);
      const error = await expectError(await startCall({ avatarId: 'cat-character' }), 502, 'session_failed');
      expect(error.details).toEqual([{ path: 'failureCode', message: 'INTERNAL' }]);
      expect(error.message).toBe('The avatar could not start. Please try again.');
      expect(fake.requests.some((request) => request.startsWith('DELETE'))).toBe(false);
      loggedLine('session_failed');
    });

    it('Runway unreachable → 503 upstream_unavailable, leaking neither the API key nor a stack trace', async () => {
      server.use(http.all(`${RUNWAY_TEST_URL}/*`, () => HttpResponse.error()));
      const response = await startCall({ avatarId: 'cat-character' });
      expect(response.status).toBe(503);
      const text = await response.text();
      expect(JSON.parse(text)).toEqual({
        error: { code: 'upstream_unavailable', message: 'Could not reach Runway. Try again in a moment.' },
      });
      expect(text).not.toContain(API_KEY);
      expect(text).not.toMatch(/\bat .+:\d+:\d+/);
      expect(text).not.toContain('node_modules');
      expect(text).not.toContain(RUNWAY_TEST_URL);
      loggedLine('upstream_unavailable');
    });
  });

  describe('custom avatars visitors may call (PUBLIC_AVATAR_IDS)', () => {
    const OTHER_AVATAR = '11111111-2222-4333-8444-555555555555';

    it('an unlisted custom avatar → 404 not_found, without asking Runway', async () => {
      vi.stubEnv('PUBLIC_AVATAR_IDS', OTHER_AVATAR);
      const error = await expectError(await startCall({ avatarId: DEMO_AVATAR_ID }), 404, 'not_found');
      expect(error.message).toBe('Avatar not found.');
      expect(fake.requests).toEqual([]);
    });

    it('a listed custom avatar, and any preset, → 200', async () => {
      vi.stubEnv('PUBLIC_AVATAR_IDS', DEMO_AVATAR_ID);
      expect((await startCall({ avatarId: DEMO_AVATAR_ID })).status).toBe(200);
      vi.stubEnv('PUBLIC_AVATAR_IDS', OTHER_AVATAR);
      expect((await startCall({ avatarId: 'cooking-teacher' })).status).toBe(200);
    });

    it('the signed-in admin may call an unlisted custom avatar', async () => {
      vi.stubEnv('PUBLIC_AVATAR_IDS', OTHER_AVATAR);
      const cookie = await signInWithTestPassword();
      expect((await startCall({ avatarId: DEMO_AVATAR_ID }, { cookie })).status).toBe(200);
    });
  });

  it('refuses a cross-site request with 403 forbidden before calling Runway', async () => {
    await expectError(await startCall({ avatarId: 'cat-character' }, { origin: 'https://evil.example' }), 403, 'forbidden');
    await expectError(await startCall({ avatarId: 'cat-character' }, { 'sec-fetch-site': 'cross-site' }), 403, 'forbidden');
    expect(fake.requests).toEqual([]);
  });

  it('is limited like POST /api/sessions: 429 rate_limited with Retry-After past RATE_LIMIT_SESSIONS_PER_MINUTE', async () => {
    vi.stubEnv('RATE_LIMIT_SESSIONS_PER_MINUTE', '1');
    expect((await startCall({ avatarId: 'cat-character' }, { 'x-forwarded-for': '203.0.113.9' })).status).toBe(200);
    const refused = await startCall({ avatarId: 'cat-character' }, { 'x-forwarded-for': '203.0.113.9' });
    const error = await expectError(refused, 429, 'rate_limited');
    expect(error.message).toMatch(/^You are starting calls too quickly\. Try again in \d+ s\.$/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(fake.requests.filter((request) => request === 'POST /v1/realtime_sessions')).toHaveLength(1);
  });
});
