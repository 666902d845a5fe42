import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { POST as consumeRoute } from '@/app/api/sessions/[id]/consume/route';
import { GET as toolCallsRoute } from '@/app/api/sessions/[id]/tool-calls/route';
import { recordToolCall } from '@/lib/server/tools/tool-activity';
import { DELETE, GET } from '@/app/api/sessions/[id]/route';
import { POST as createRoute } from '@/app/api/sessions/route';
import { DEMO_AVATAR_ID } from 'runway-emulator';
import { RUNWAY_TEST_URL, useRunwayFake, type RunwayFake } from '@/tests/msw/runway';
import { server } from '@/tests/msw/server';
import { jsonRequest, routeContext } from '@/tests/unit/request';
import { issueTicket } from '@/lib/server/security/session-tickets';
import { signInWithTestPassword, tamperPayload, tamperSignature, TEST_AUTH_SECRET, useFreshLimits } from '@/tests/unit/security';
import { trainSharedReadinessModel } from '@/tests/unit/readiness';
import { endCall, joinRoom } from 'runway-emulator/testing';

/**
 * The progress-aware flow: POST /api/sessions → GET /api/sessions/[id] (long poll) → POST …/consume, or
 * DELETE. Every follow-up request carries the session's ticket in X-Session-Ticket.
 */

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

interface Created {
  id: string;
  ticket: string;
}

function create(avatarId = 'cat-character', headers: Record<string, string> = {}) {
  return createRoute(jsonRequest('/api/sessions', { body: { avatarId }, headers }), routeContext({}));
}

async function createSession(avatarId = 'cat-character'): Promise<Created> {
  const response = await create(avatarId);
  expect(response.status).toBe(201);
  const body = (await response.json()) as { sessionId: string; ticket: string };
  return { id: body.sessionId, ticket: body.ticket };
}

/** The ticket header, or none at all for `null`. */
const ticketHeader = (ticket: string | null): Record<string, string> => (ticket === null ? {} : { 'x-session-ticket': ticket });

/** A session's own ticket by default; pass another ticket, or null for none. */
function getStatus(session: Created, query = '', ticket: string | null = session.ticket) {
  return GET(jsonRequest(`/api/sessions/${session.id}${query}`, { headers: ticketHeader(ticket) }), routeContext({ id: session.id }));
}

function consume(session: Created, ticket: string | null = session.ticket) {
  return consumeRoute(
    jsonRequest(`/api/sessions/${session.id}/consume`, { method: 'POST', headers: ticketHeader(ticket) }),
    routeContext({ id: session.id }),
  );
}

function cancel(session: Created, ticket: string | null = session.ticket) {
  return DELETE(
    jsonRequest(`/api/sessions/${session.id}`, { method: 'DELETE', headers: ticketHeader(ticket) }),
    routeContext({ id: session.id }),
  );
}

/** An id the routes never issued, with no ticket (params are validated before the ticket is read). */
const unissued = (id: string): Created => ({ id, ticket: '' });

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
function join(fake: RunwayFake, { roomName }: Credentials) {
  expect(joinRoom(fake.emulator.control, roomName)?.status).toBe('RUNNING');
}

async function errorOf(response: Response) {
  expect(response.headers.get('cache-control')).toBe('no-store');
  const body = (await response.json()) as { error: { code: string; message: string; details?: Array<{ path: string }> } };
  expect(Object.keys(body)).toEqual(['error']);
  return { status: response.status, ...body.error };
}

trainSharedReadinessModel();

describe('POST /api/sessions', () => {
  const fake = useRunwayFake();
  useFreshLimits();

  it('creates a session and answers 201 at once with its id, creation time, duration cap and ticket', async () => {
    const response = await create('music-superstar');
    expect(response.status).toBe(201);
    expect(response.headers.get('cache-control')).toBe('no-store, no-transform');
    const body = (await response.json()) as { sessionId: string; createdAt: string; ticket: string };
    expect(body).toEqual({
      sessionId: expect.any(String),
      createdAt: expect.any(String),
      maxDurationSeconds: 300,
      ticket: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
    });
    expect(Number.isNaN(Date.parse(body.createdAt))).toBe(false);
    expect(fake.requests).toEqual(['POST /v1/realtime_sessions']);
    expect(fake.emulator.control.sessions().map((session) => session.id)).toEqual([body.sessionId]);
  });

  it('issues a ticket that names the session, and carries no key', async () => {
    const { id, ticket } = await createSession();
    const payload = JSON.parse(Buffer.from(ticket.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    expect(payload).toEqual({
      sid: id,
      avatarId: expect.any(String),
      createdAt: expect.any(Number),
      slot: expect.any(String),
      aud: 'session-ticket',
      iss: 'runway-characters-starter',
      iat: expect.any(Number),
      exp: expect.any(Number),
    });
    expect(ticket).not.toContain('key_test');
    expect(ticket).not.toContain('stk_');
  });

  it('reports the configured duration cap', async () => {
    vi.stubEnv('SESSION_MAX_DURATION_SECONDS', '90');
    const response = await create('influencer');
    expect(await response.json()).toMatchObject({ maxDurationSeconds: 90 });
  });

  it('validates the body like the one-shot route', async () => {
    const response = await createRoute(jsonRequest('/api/sessions', { body: { avatar: 'cat-character' } }), routeContext({}));
    const error = await errorOf(response);
    expect(error).toMatchObject({ status: 400, code: 'invalid_request' });
    expect(fake.requests).toEqual([]);
  });

  it.each([
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['an Origin of another site', { origin: 'https://evil.example' }],
  ])('refuses a request with %s: 403 forbidden, and no session is created', async (_name, headers) => {
    const error = await errorOf(await create('cat-character', headers));
    expect(error).toEqual({ status: 403, code: 'forbidden', message: 'Cross-site requests are not allowed.' });
    expect(fake.requests).toEqual([]);
  });

  it('accepts a same-origin browser request', async () => {
    const response = await create('cat-character', { 'sec-fetch-site': 'same-origin', origin: 'http://localhost' });
    expect(response.status).toBe(201);
  });

  it('maps Runway’s 429 to 429 rate_limited with Retry-After', async () => {
    fake.emulator.control.queueFaults(['http-429']);
    const response = await create();
    expect(response.headers.get('retry-after')).toBe('30');
    expect(await errorOf(response)).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(fake.requests).toEqual(['POST /v1/realtime_sessions']);
  });

  it('maps an unreachable Runway to 503 upstream_unavailable without leaking the API key or a stack trace', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    server.use(http.all(`${RUNWAY_TEST_URL}/*`, () => HttpResponse.error()));
    const response = await create();
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

describe('POST /api/sessions for custom avatars (PUBLIC_AVATAR_IDS)', () => {
  const fake = useRunwayFake();
  useFreshLimits();
  const OTHER_AVATAR = '11111111-2222-4333-8444-555555555555';

  it('lets visitors call a custom avatar that is listed', async () => {
    vi.stubEnv('PUBLIC_AVATAR_IDS', `${OTHER_AVATAR},${DEMO_AVATAR_ID}`);
    expect((await create(DEMO_AVATAR_ID)).status).toBe(201);
  });

  it('lets visitors call every custom avatar with *, the default outside production', async () => {
    vi.stubEnv('PUBLIC_AVATAR_IDS', '*');
    expect((await create(DEMO_AVATAR_ID)).status).toBe(201);
    vi.stubEnv('PUBLIC_AVATAR_IDS', '');
    expect((await create(DEMO_AVATAR_ID)).status).toBe(201);
  });

  it('answers 404 not_found for a custom avatar that is not listed, exactly as for one that does not exist, without asking Runway', async () => {
    vi.stubEnv('PUBLIC_AVATAR_IDS', OTHER_AVATAR);
    const error = await errorOf(await create(DEMO_AVATAR_ID));
    expect(error).toEqual({ status: 404, code: 'not_found', message: 'Avatar not found.' });
    expect(fake.requests).toEqual([]);
  });

  it('publishes no custom avatar in production unless listed', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    vi.stubEnv('ADMIN_PASSWORD', 'a-production-password');
    vi.stubEnv('AUTH_SECRET', TEST_AUTH_SECRET);
    expect(await errorOf(await create(DEMO_AVATAR_ID))).toMatchObject({ status: 404, code: 'not_found' });
    expect(fake.requests).toEqual([]);
    vi.stubEnv('PUBLIC_AVATAR_IDS', DEMO_AVATAR_ID);
    expect((await create(DEMO_AVATAR_ID)).status).toBe(201);
  });

  it('always lets visitors call presets', async () => {
    vi.stubEnv('PUBLIC_AVATAR_IDS', OTHER_AVATAR);
    expect((await create('cat-character')).status).toBe(201);
    vi.stubEnv('PUBLIC_AVATAR_IDS', ' , ');
    expect((await create('tennis-coach')).status).toBe(201);
  });

  it('lets the signed-in admin call an unlisted custom avatar', async () => {
    vi.stubEnv('PUBLIC_AVATAR_IDS', OTHER_AVATAR);
    const cookie = await signInWithTestPassword();
    expect((await create(DEMO_AVATAR_ID, { cookie })).status).toBe(201);
    // A cookie that does not verify makes a visitor, not the admin.
    expect(await errorOf(await create(DEMO_AVATAR_ID, { cookie: tamperSignature(cookie) }))).toMatchObject({
      status: 404,
      code: 'not_found',
    });
  });
});

describe('GET /api/sessions/[id]', () => {
  // Queued long enough that the first status read reliably sees it.
  const fake = useRunwayFake({ queuedMs: 250, readyMs: { min: 400, max: 400 } });
  useFreshLimits();

  it('reports the phase at once when the browser knows nothing yet', async () => {
    const session = await createSession();
    const response = await getStatus(session);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store, no-transform');
    expect(await response.json()).toEqual({ sessionId: session.id, phase: 'queued' });
  });

  it('with ?known=queued, waits and answers with a later phase, never the session key', async () => {
    const session = await createSession();
    const response = await getStatus(session, '?known=queued');
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(['starting', 'ready']).toContain((JSON.parse(text) as { phase: string }).phase);
    expect(text).not.toContain('stk_');
    expect(text).not.toContain('sessionKey');
  });

  it('reports a completed call with its duration', async () => {
    const session = await createSession();
    const credentials = await credentialsOf(await consume(session));
    // Handed over, but "ready" until the browser joins the room.
    expect(await (await getStatus(session)).json()).toEqual({ sessionId: session.id, phase: 'ready' });
    join(fake, credentials);
    expect(await (await getStatus(session, '?known=ready')).json()).toEqual({ sessionId: session.id, phase: 'running' });
    expect(endCall(fake.emulator.control, credentials.roomName)?.status).toBe('COMPLETED');
    expect(await (await getStatus(session, '?known=running')).json()).toEqual({
      sessionId: session.id,
      phase: 'completed',
      durationSeconds: 0,
    });
  });

  it('rejects an id that is not a UUID with 400, without calling Runway', async () => {
    const error = await errorOf(await getStatus(unissued('not-a-uuid')));
    expect(error).toMatchObject({ status: 400, code: 'invalid_request', details: [{ path: 'params.id' }] });
    expect(fake.requests).toEqual([]);
  });

  it.each(['?known=exploded', '?since=queued'])('rejects the query %s with 400', async (query) => {
    const error = await errorOf(await getStatus(unissued(UNKNOWN_ID), query));
    expect(error).toMatchObject({ status: 400, code: 'invalid_request' });
  });

  it('answers 404 for a session Runway does not know, even with a valid ticket for it', async () => {
    const ticket = await issueTicket({ sid: UNKNOWN_ID, avatarId: 'cat-character', createdAt: Date.now(), slot: crypto.randomUUID() });
    const error = await errorOf(await getStatus({ id: UNKNOWN_ID, ticket }));
    expect(error).toMatchObject({ status: 404, code: 'not_found', message: 'Session not found.' });
  });
});

describe('POST /api/sessions/[id]/consume', () => {
  const fake = useRunwayFake();
  useFreshLimits();

  it('waits for READY and hands over the credentials once, never cached', async () => {
    const session = await createSession();
    const response = await consume(session);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store, no-transform');
    expect(await response.json()).toEqual({
      sessionId: session.id,
      serverUrl: expect.stringMatching(/^ws:\/\/api\.runway\.test:\d+$/),
      token: expect.any(String),
      roomName: `emulated-${session.id}`,
    });
    // Handed over, not yet joined.
    expect(fake.emulator.control.sessions()[0]?.status).toBe('READY');
  });

  it('answers 409 conflict the second time, with no credentials', async () => {
    const session = await createSession();
    const first = await credentialsOf(await consume(session));
    const second = await consume(session);
    const text = await second.clone().text();
    expect(await errorOf(second)).toMatchObject({ status: 409, code: 'conflict' });
    expect(text).not.toContain(first.token);
    expect(text).not.toContain('serverUrl');
    // The session is still READY, so it is Runway that refuses; it handed out credentials only once.
    expect(fake.emulator.control.sessions()[0]?.status).toBe('READY');
    expect(fake.requests.filter((request) => request.endsWith('/consume'))).toHaveLength(2);
    // The first credentials still work; once the call runs, the app refuses without asking Runway to consume.
    join(fake, first);
    expect(await errorOf(await consume(session))).toMatchObject({
      status: 409,
      code: 'conflict',
      message: 'The session is already running. Start a new call.',
    });
    expect(fake.requests.filter((request) => request.endsWith('/consume'))).toHaveLength(2);
  });

  it('answers 400 for a bad id and 404 for one Runway does not know', async () => {
    expect(await errorOf(await consume(unissued('123')))).toMatchObject({ status: 400, code: 'invalid_request' });
    const ticket = await issueTicket({ sid: UNKNOWN_ID, avatarId: 'cat-character', createdAt: Date.now(), slot: crypto.randomUUID() });
    expect(await errorOf(await consume({ id: UNKNOWN_ID, ticket }))).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('answers 409 for a cancelled session instead of handing out credentials', async () => {
    const session = await createSession();
    expect((await cancel(session)).status).toBe(204);
    expect(await errorOf(await consume(session))).toMatchObject({ status: 409, code: 'conflict' });
  });
});

describe('DELETE /api/sessions/[id]', () => {
  const fake = useRunwayFake();
  useFreshLimits();

  it('cancels the session: 204 with no body, and Runway reports it CANCELLED', async () => {
    const session = await createSession();
    const response = await cancel(session);
    expect(response.status).toBe(204);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.text()).toBe('');
    expect(fake.emulator.control.sessions()).toMatchObject([{ id: session.id, status: 'CANCELLED' }]);
    expect(fake.requests.at(-1)).toBe(`DELETE /v1/realtime_sessions/${session.id}`);
  });

  it('cancels a session whose credentials were handed over but whose room nobody joined', async () => {
    const session = await createSession();
    const credentials = await credentialsOf(await consume(session));
    expect((await cancel(session)).status).toBe(204);
    expect(fake.emulator.control.sessions()).toMatchObject([{ id: session.id, status: 'CANCELLED' }]);
    expect(joinRoom(fake.emulator.control, credentials.roomName)?.status).toBe('CANCELLED');
  });

  it('answers 409 conflict for a session whose call has already ended, after checking with Runway', async () => {
    const session = await createSession();
    const credentials = await credentialsOf(await consume(session));
    join(fake, credentials);
    endCall(fake.emulator.control, credentials.roomName);
    const requestsBefore = fake.requests.length;
    const error = await errorOf(await cancel(session));
    expect(error).toEqual({ status: 409, code: 'conflict', message: 'The session has already ended.' });
    expect(fake.emulator.control.sessions()[0]?.status).toBe('COMPLETED');
    // The lifecycle reads the phase first (to know whether the minutes come back); an ended session has
    // nothing to cancel, so no DELETE is sent, whatever Runway would answer to one.
    // (Requests about other sessions, an earlier test's winding down, are not this one's.)
    expect(fake.requests.slice(requestsBefore).filter((request) => request.includes(session.id))).toEqual([
      `GET /v1/realtime_sessions/${session.id}`,
    ]);
  });

  it('answers 409 conflict for a session that is already cancelled', async () => {
    const session = await createSession();
    expect((await cancel(session)).status).toBe(204);
    expect(await errorOf(await cancel(session))).toEqual({ status: 409, code: 'conflict', message: 'The session has already ended.' });
  });

  it('on any 4xx refusal, asks Runway what the session is: still pending, it is left to end on its own (204)', async () => {
    // Pending for good, so a loaded machine's slower requests cannot see it turn READY first.
    fake.emulator.control.queueFaults(['never-ready']);
    const session = await createSession();
    server.use(
      http.delete(`${RUNWAY_TEST_URL}/v1/realtime_sessions/:id`, () =>
        HttpResponse.json({ error: 'Not cancellable now' }, { status: 422 }),
      ),
    );
    expect((await cancel(session)).status).toBe(204);
    // The phase read before the cancel and the follow-up read both reached the emulator: still pending, not
    // ended. (Requests about other sessions, an earlier test's winding down, are not this one's.)
    expect(fake.requests.filter((request) => request.startsWith('POST') || request.includes(session.id))).toEqual([
      'POST /v1/realtime_sessions',
      `GET /v1/realtime_sessions/${session.id}`,
      `GET /v1/realtime_sessions/${session.id}`,
    ]);
    // Left alone: pending, or READY by now on a busy machine, but not cancelled.
    expect(['NOT_READY', 'READY']).toContain(fake.emulator.control.sessions()[0]?.status);
  });

  it('sends the cancel once, never retried, even when Runway fails', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const session = await createSession();
    let deletes = 0;
    server.use(
      http.delete(`${RUNWAY_TEST_URL}/v1/realtime_sessions/:id`, () => {
        deletes += 1;
        return HttpResponse.json({ error: 'Internal server error' }, { status: 500 });
      }),
    );
    const error = await errorOf(await cancel(session));
    expect(error).toMatchObject({ status: 503, code: 'upstream_unavailable' });
    expect(deletes).toBe(1);
    expect(log).toHaveBeenCalledWith(
      expect.stringMatching(new RegExp(`^\\[api\\] DELETE /api/sessions/${session.id} → upstream_unavailable: `)),
    );
  });

  it('answers 400 for a bad id and 404 for one Runway does not know', async () => {
    expect(await errorOf(await cancel(unissued('nope')))).toMatchObject({ status: 400, code: 'invalid_request' });
    const ticket = await issueTicket({ sid: UNKNOWN_ID, avatarId: 'cat-character', createdAt: Date.now(), slot: crypto.randomUUID() });
    expect(await errorOf(await cancel({ id: UNKNOWN_ID, ticket }))).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('refuses a cross-site cancel with 403, leaving the session alone', async () => {
    const session = await createSession();
    const request = jsonRequest(`/api/sessions/${session.id}`, {
      method: 'DELETE',
      headers: { 'x-session-ticket': session.ticket, 'sec-fetch-site': 'cross-site' },
    });
    expect(await errorOf(await DELETE(request, routeContext({ id: session.id })))).toMatchObject({ status: 403, code: 'forbidden' });
    expect(fake.emulator.control.sessions()[0]?.status).toBe('NOT_READY');
  });
});

describe('the session ticket (X-Session-Ticket) guards status, consume and cancel', () => {
  // Sessions stay NOT_READY for the whole test, so "untouched" cannot be confused with "became READY" on a slow run.
  const fake = useRunwayFake({ readyMs: { min: 60_000, max: 60_000 } });
  useFreshLimits();

  const FOLLOW_UPS = [
    ['GET /api/sessions/[id]', (session: Created, ticket: string | null) => getStatus(session, '', ticket)],
    ['POST /api/sessions/[id]/consume', consume],
    ['DELETE /api/sessions/[id]', cancel],
  ] as const;

  /** Refused before Runway is asked anything: the session is untouched and only its create was sent. */
  async function expectRefused(response: Response, session: Created) {
    const error = await errorOf(response);
    expect(error).toEqual({
      status: 403,
      code: 'forbidden',
      message: 'This session belongs to another visitor, its ticket is missing, or it has expired.',
    });
    // Nothing about this session reached Runway (another test's leftover poll may reach it for its own).
    expect(fake.requests.filter((request) => request.includes(session.id))).toEqual([]);
    expect(fake.emulator.control.sessions().find(({ id }) => id === session.id)?.status).not.toBe('CANCELLED');
  }

  describe.each(FOLLOW_UPS)('%s', (_name, call) => {
    it('answers 403 forbidden without a ticket', async () => {
      const session = await createSession();
      await expectRefused(await call(session, null), session);
    });

    it('answers 403 forbidden with an empty ticket', async () => {
      const session = await createSession();
      await expectRefused(await call(session, ''), session);
    });

    it('answers 403 forbidden with the ticket of another session', async () => {
      const session = await createSession();
      const other = await createSession();
      await expectRefused(await call(session, other.ticket), session);
      // The other session is left alone too.
      expect(fake.emulator.control.sessions().find(({ id }) => id === other.id)?.status).not.toBe('CANCELLED');
    });

    it('answers 403 forbidden with a tampered ticket', async () => {
      const session = await createSession();
      await expectRefused(await call(session, tamperSignature(session.ticket)), session);
    });

    it('answers 403 forbidden for another session’s ticket rewritten to name this one', async () => {
      const session = await createSession();
      const other = await createSession();
      await expectRefused(
        await call(
          session,
          tamperPayload(other.ticket, (payload) => ({ ...payload, sid: session.id })),
        ),
        session,
      );
    });

    it.each(['garbage', 'a.b.c', `${'x'.repeat(2049)}.y`])('answers 403 forbidden for the malformed ticket %#', async (ticket) => {
      const session = await createSession();
      await expectRefused(await call(session, ticket), session);
    });
  });

  it('answers 403 forbidden once the ticket has outlived any session it could belong to', async () => {
    const session = await createSession();
    // READY deadline (30 s) + longest call (300 s) + 60 s of slack later, the ticket is worthless.
    vi.useFakeTimers({ now: Date.now() + 391_000, toFake: ['Date'] });
    try {
      const error = await errorOf(await getStatus(session));
      expect(error).toEqual({
        status: 403,
        code: 'forbidden',
        message: 'This session belongs to another visitor, its ticket is missing, or it has expired.',
      });
    } finally {
      vi.useRealTimers();
    }
  });

  it('answers 403 forbidden for a ticket signed with another key (AUTH_SECRET changed)', async () => {
    vi.stubEnv('AUTH_SECRET', 'first-secret-0123456789abcdefghijk');
    const session = await createSession();
    vi.stubEnv('AUTH_SECRET', 'second-secret-0123456789abcdefghij');
    expect(await errorOf(await getStatus(session))).toEqual({
      status: 403,
      code: 'forbidden',
      message: 'This session belongs to another visitor, its ticket is missing, or it has expired.',
    });
    vi.stubEnv('AUTH_SECRET', 'first-secret-0123456789abcdefghijk');
    expect((await getStatus(session)).status).toBe(200);
  });

  it('is required of the signed-in admin too: the cookie does not replace it', async () => {
    const session = await createSession();
    const cookie = await signInWithTestPassword();
    const request = jsonRequest(`/api/sessions/${session.id}`, { headers: { cookie } });
    expect(await errorOf(await GET(request, routeContext({ id: session.id })))).toMatchObject({ status: 403, code: 'forbidden' });
  });
});

describe('POST /api/sessions when Runway limits concurrent sessions', () => {
  const fake = useRunwayFake({ maxConcurrentSessions: 1 });
  useFreshLimits();

  it('answers 429 rate_limited with Retry-After: 30 while the slot is taken, and again 201 once it is cancelled', async () => {
    const first = await createSession();
    const refused = await create('influencer');
    expect(refused.headers.get('retry-after')).toBe('30');
    expect(await errorOf(refused)).toMatchObject({
      status: 429,
      code: 'rate_limited',
      message: 'All avatars are busy. Try again in 30 s.',
    });
    expect((await cancel(first)).status).toBe(204);
    const second = await createSession('influencer');
    expect(fake.emulator.control.sessions().map(({ id, status }) => ({ id, status }))).toEqual([
      { id: first.id, status: 'CANCELLED' },
      { id: second.id, status: 'NOT_READY' },
    ]);
  });
});

describe('GET /api/sessions/[id]/tool-calls', () => {
  useRunwayFake();
  useFreshLimits();

  const toolCalls = (session: Created, query = '', ticket: string | null = session.ticket) =>
    toolCallsRoute(
      jsonRequest(`/api/sessions/${session.id}/tool-calls${query}`, { headers: ticketHeader(ticket) }),
      routeContext({ id: session.id }),
    );

  it('lists the backend tool calls served in the session’s call, after the ones the page has', async () => {
    const session = await createSession();
    const response = await toolCalls(session);
    expect(response.headers.get('cache-control')).toBe('no-store, no-transform');
    expect(await response.json()).toEqual({ calls: [] });
    const served = {
      name: 'lookup_order',
      arguments: { orderId: 'RC-1001' },
      outcome: { error: 'x' },
      durationMs: 3,
      at: new Date(0).toISOString(),
    };
    await recordToolCall(session.id, served);
    await recordToolCall(session.id, { ...served, durationMs: 4 });
    expect(await (await toolCalls(session, '?after=1')).json()).toEqual({ calls: [{ seq: 1, ...served, durationMs: 4 }] });
  });

  it('answers only the session’s own page: 403 without its ticket or with another session’s, 400 for a bad cursor', async () => {
    const [mine, theirs] = [await createSession(), await createSession('influencer')];
    expect((await errorOf(await toolCalls(mine, '', null))).status).toBe(403);
    expect((await errorOf(await toolCalls(mine, '', theirs.ticket))).status).toBe(403);
    expect(await errorOf(await toolCalls(mine, '?after=-1'))).toMatchObject({ status: 400, code: 'invalid_request' });
    expect(await errorOf(await toolCalls(mine, '?after=1&extra=1'))).toMatchObject({ status: 400 });
  });
});
