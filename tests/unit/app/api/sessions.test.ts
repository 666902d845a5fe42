import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { POST as consumeRoute } from '@/app/api/sessions/[id]/consume/route';
import { DELETE, GET } from '@/app/api/sessions/[id]/route';
import { POST as createRoute } from '@/app/api/sessions/route';
import { RUNWAY_TEST_URL, useRunwayFake, type RunwayFake } from '@/tests/msw/runway';
import { server } from '@/tests/msw/server';
import { jsonRequest, routeContext } from '@/tests/unit/request';

/** The progress-aware flow: POST /api/sessions → GET /api/sessions/[id] (long poll) → POST …/consume, or DELETE. */

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

async function createSession(avatarId = 'cat-character') {
  const response = await createRoute(jsonRequest('/api/sessions', { body: { avatarId } }), routeContext({}));
  expect(response.status).toBe(201);
  return ((await response.json()) as { sessionId: string }).sessionId;
}

function getStatus(id: string, query = '') {
  return GET(jsonRequest(`/api/sessions/${id}${query}`), routeContext({ id }));
}

function consume(id: string) {
  return consumeRoute(jsonRequest(`/api/sessions/${id}/consume`, { method: 'POST' }), routeContext({ id }));
}

function cancel(id: string) {
  return DELETE(jsonRequest(`/api/sessions/${id}`, { method: 'DELETE' }), routeContext({ id }));
}

interface Credentials {
  sessionId: string;
  serverUrl: string;
  token: string;
  roomName: string;
}

async function credentialsOf(response: Response) {
  expect(response.status).toBe(200);
  return (await response.json()) as Credentials;
}

/** The browser joining the LiveKit room with its credentials: only this makes the session RUNNING. */
function join(fake: RunwayFake, { roomName, token }: Credentials) {
  expect(fake.emulator.control.joinRoom(roomName, token)?.status).toBe('RUNNING');
}

async function errorOf(response: Response) {
  expect(response.headers.get('cache-control')).toBe('no-store');
  const body = (await response.json()) as { error: { code: string; message: string; details?: Array<{ path: string }> } };
  expect(Object.keys(body)).toEqual(['error']);
  return { status: response.status, ...body.error };
}

describe('POST /api/sessions', () => {
  const fake = useRunwayFake();

  it('creates a session and answers 201 at once with its id, creation time and duration cap', async () => {
    const response = await createRoute(jsonRequest('/api/sessions', { body: { avatarId: 'music-superstar' } }), routeContext({}));
    expect(response.status).toBe(201);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as { sessionId: string; createdAt: string };
    expect(body).toEqual({ sessionId: expect.any(String), createdAt: expect.any(String), maxDurationSeconds: 300 });
    expect(Number.isNaN(Date.parse(body.createdAt))).toBe(false);
    expect(fake.requests).toEqual(['POST /v1/realtime_sessions']);
    expect(fake.emulator.control.sessions().map((session) => session.id)).toEqual([body.sessionId]);
  });

  it('reports the configured duration cap', async () => {
    vi.stubEnv('SESSION_MAX_DURATION_SECONDS', '90');
    const response = await createRoute(jsonRequest('/api/sessions', { body: { avatarId: 'influencer' } }), routeContext({}));
    expect(await response.json()).toMatchObject({ maxDurationSeconds: 90 });
  });

  it('validates the body like the one-shot route', async () => {
    const response = await createRoute(jsonRequest('/api/sessions', { body: { avatar: 'cat-character' } }), routeContext({}));
    const error = await errorOf(response);
    expect(error).toMatchObject({ status: 400, code: 'invalid_request' });
    expect(fake.requests).toEqual([]);
  });

  it('maps Runway’s 429 to 429 rate_limited with Retry-After', async () => {
    fake.emulator.control.queueFaults(['http-429']);
    const response = await createRoute(jsonRequest('/api/sessions', { body: { avatarId: 'cat-character' } }), routeContext({}));
    expect(response.headers.get('retry-after')).toBe('30');
    expect(await errorOf(response)).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(fake.requests).toEqual(['POST /v1/realtime_sessions']);
  });

  it('maps an unreachable Runway to 503 upstream_unavailable without leaking the API key or a stack trace', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    server.use(http.all(`${RUNWAY_TEST_URL}/*`, () => HttpResponse.error()));
    const response = await createRoute(jsonRequest('/api/sessions', { body: { avatarId: 'cat-character' } }), routeContext({}));
    expect(response.status).toBe(503);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'upstream_unavailable' } });
    expect(text).not.toContain('key_test_0123456789');
    expect(text).not.toMatch(/\bat .+:\d+:\d+/);
    expect(text).not.toContain('TypeError');
    // The site owner gets one log line with the cause; it carries no key either.
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0]).toEqual([expect.stringMatching(/^\[api\] POST \/api\/sessions → upstream_unavailable: /)]);
    expect(String(log.mock.calls[0]![0])).not.toContain('key_test_0123456789');
  });
});

describe('GET /api/sessions/[id]', () => {
  // Queued long enough that the first status read reliably sees it.
  const fake = useRunwayFake({ queuedMs: 250, readyMs: { min: 400, max: 400 } });

  it('reports the phase at once when the browser knows nothing yet', async () => {
    const id = await createSession();
    const response = await getStatus(id);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ sessionId: id, phase: 'queued' });
  });

  it('with ?known=queued, waits and answers with a later phase, never the session key', async () => {
    const id = await createSession();
    const response = await getStatus(id, '?known=queued');
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(['starting', 'ready']).toContain((JSON.parse(text) as { phase: string }).phase);
    expect(text).not.toContain('stk_');
    expect(text).not.toContain('sessionKey');
  });

  it('reports a completed call with its duration', async () => {
    const id = await createSession();
    const credentials = await credentialsOf(await consume(id));
    // Handed over, but "ready" until the browser joins the room.
    expect(await (await getStatus(id)).json()).toEqual({ sessionId: id, phase: 'ready' });
    join(fake, credentials);
    expect(await (await getStatus(id, '?known=ready')).json()).toEqual({ sessionId: id, phase: 'running' });
    expect(fake.emulator.control.endCall(credentials.roomName, credentials.token)?.status).toBe('COMPLETED');
    expect(await (await getStatus(id, '?known=running')).json()).toEqual({ sessionId: id, phase: 'completed', durationSeconds: 0 });
  });


  it('rejects an id that is not a UUID with 400, without calling Runway', async () => {
    const error = await errorOf(await getStatus('not-a-uuid'));
    expect(error).toMatchObject({ status: 400, code: 'invalid_request', details: [{ path: 'params.id' }] });
    expect(fake.requests).toEqual([]);
  });

  it.each(['?known=exploded', '?since=queued'])('rejects the query %s with 400', async (query) => {
    const error = await errorOf(await getStatus(UNKNOWN_ID, query));
    expect(error).toMatchObject({ status: 400, code: 'invalid_request' });
  });

  it('answers 404 for a session Runway does not know', async () => {
    const error = await errorOf(await getStatus(UNKNOWN_ID));
    expect(error).toMatchObject({ status: 404, code: 'not_found', message: 'Session not found.' });
  });
});

describe('POST /api/sessions/[id]/consume', () => {
  const fake = useRunwayFake();

  it('waits for READY and hands over the credentials once, never cached', async () => {
    const id = await createSession();
    const response = await consume(id);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({
      sessionId: id,
      serverUrl: 'wss://livekit.test.invalid',
      token: expect.any(String),
      roomName: `emulated-${id}`,
    });
    // Handed over, not yet joined.
    expect(fake.emulator.control.sessions()[0]?.status).toBe('READY');
  });

  it('answers 409 conflict the second time, with no credentials', async () => {
    const id = await createSession();
    const first = await credentialsOf(await consume(id));
    const second = await consume(id);
    const text = await second.clone().text();
    expect(await errorOf(second)).toMatchObject({ status: 409, code: 'conflict' });
    expect(text).not.toContain(first.token);
    expect(text).not.toContain('serverUrl');
    // The session is still READY, so it is Runway that refuses; it handed out credentials only once.
    expect(fake.emulator.control.sessions()[0]?.status).toBe('READY');
    expect(fake.requests.filter((request) => request.endsWith('/consume'))).toHaveLength(2);
    // The first credentials still work; once the call runs, the app refuses without asking Runway to consume.
    join(fake, first);
    expect(await errorOf(await consume(id))).toMatchObject({ status: 409, code: 'conflict', message: 'The session is already running. Start a new call.' });
    expect(fake.requests.filter((request) => request.endsWith('/consume'))).toHaveLength(2);
  });

  it('answers 400 for a bad id and 404 for an unknown one', async () => {
    expect(await errorOf(await consume('123'))).toMatchObject({ status: 400, code: 'invalid_request' });
    expect(await errorOf(await consume(UNKNOWN_ID))).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('answers 409 for a cancelled session instead of handing out credentials', async () => {
    const id = await createSession();
    expect((await cancel(id)).status).toBe(204);
    expect(await errorOf(await consume(id))).toMatchObject({ status: 409, code: 'conflict' });
  });
});

describe('DELETE /api/sessions/[id]', () => {
  const fake = useRunwayFake();

  it('cancels the session: 204 with no body, and Runway reports it CANCELLED', async () => {
    const id = await createSession();
    const response = await cancel(id);
    expect(response.status).toBe(204);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.text()).toBe('');
    expect(fake.emulator.control.sessions()).toMatchObject([{ id, status: 'CANCELLED' }]);
    expect(fake.requests.at(-1)).toBe(`DELETE /v1/realtime_sessions/${id}`);
  });

  it('cancels a session whose credentials were handed over but whose room nobody joined', async () => {
    const id = await createSession();
    const credentials = await credentialsOf(await consume(id));
    expect((await cancel(id)).status).toBe(204);
    expect(fake.emulator.control.sessions()).toMatchObject([{ id, status: 'CANCELLED' }]);
    expect(fake.emulator.control.joinRoom(credentials.roomName, credentials.token)?.status).toBe('CANCELLED');
  });

  it('answers 409 conflict for a session whose call has already ended, after checking with Runway', async () => {
    const id = await createSession();
    const credentials = await credentialsOf(await consume(id));
    join(fake, credentials);
    fake.emulator.control.endCall(credentials.roomName, credentials.token);
    const requestsBefore = fake.requests.length;
    const error = await errorOf(await cancel(id));
    expect(error).toEqual({ status: 409, code: 'conflict', message: 'The session has already ended.' });
    expect(fake.emulator.control.sessions()[0]?.status).toBe('COMPLETED');
    expect(fake.requests.slice(requestsBefore)).toEqual([`DELETE /v1/realtime_sessions/${id}`, `GET /v1/realtime_sessions/${id}`]);
  });

  it('answers 409 conflict for a session that is already cancelled', async () => {
    const id = await createSession();
    expect((await cancel(id)).status).toBe(204);
    expect(await errorOf(await cancel(id))).toEqual({ status: 409, code: 'conflict', message: 'The session has already ended.' });
  });

  it('passes on Runway’s 400 as invalid_request when the session has not in fact ended', async () => {
    const id = await createSession();
    server.use(
      http.delete(`${RUNWAY_TEST_URL}/v1/realtime_sessions/:id`, () => HttpResponse.json({ error: 'Something else is wrong' }, { status: 400 })),
    );
    const error = await errorOf(await cancel(id));
    expect(error).toMatchObject({ status: 400, code: 'invalid_request', message: 'Runway rejected the request: Something else is wrong' });
    // The follow-up retrieve reached the emulator: still pending, not ended.
    expect(fake.requests).toEqual(['POST /v1/realtime_sessions', `GET /v1/realtime_sessions/${id}`]);
    expect(fake.emulator.control.sessions()[0]?.status).toBe('NOT_READY');
  });

  it('sends the cancel once, never retried, even when Runway fails', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const id = await createSession();
    let deletes = 0;
    server.use(
      http.delete(`${RUNWAY_TEST_URL}/v1/realtime_sessions/:id`, () => {
        deletes += 1;
        return HttpResponse.json({ error: 'Internal server error' }, { status: 500 });
      }),
    );
    const error = await errorOf(await cancel(id));
    expect(error).toMatchObject({ status: 503, code: 'upstream_unavailable' });
    expect(deletes).toBe(1);
    expect(log).toHaveBeenCalledWith(expect.stringMatching(new RegExp(`^\\[api\\] DELETE /api/sessions/${id} → upstream_unavailable: `)));
  });

  it('answers 400 for a bad id and 404 for an unknown one', async () => {
    expect(await errorOf(await cancel('nope'))).toMatchObject({ status: 400, code: 'invalid_request' });
    expect(await errorOf(await cancel(UNKNOWN_ID))).toMatchObject({ status: 404, code: 'not_found' });
  });
});

describe('POST /api/sessions when Runway limits concurrent sessions', () => {
  const fake = useRunwayFake({ maxConcurrentSessions: 1 });

  it('answers 429 rate_limited with Retry-After: 30 while the slot is taken, and again 201 once it is cancelled', async () => {
    const first = await createSession();
    const refused = await createRoute(jsonRequest('/api/sessions', { body: { avatarId: 'influencer' } }), routeContext({}));
    expect(refused.headers.get('retry-after')).toBe('30');
    expect(await errorOf(refused)).toMatchObject({ status: 429, code: 'rate_limited', message: 'All avatars are busy. Try again in 30 s.' });
    expect((await cancel(first)).status).toBe(204);
    const second = await createSession('influencer');
    expect(fake.emulator.control.sessions().map(({ id, status }) => ({ id, status }))).toEqual([
      { id: first, status: 'CANCELLED' },
      { id: second, status: 'NOT_READY' },
    ]);
  });
});
