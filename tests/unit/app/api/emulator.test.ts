import { beforeEach, describe, expect, it, vi } from 'vitest';
import { POST as startCallRoute } from '@/app/api/avatar/session/route';
import { GET, POST } from '@/app/api/emulator/route';
import { POST as consumeRoute } from '@/app/api/sessions/[id]/consume/route';
import { POST as createRoute } from '@/app/api/sessions/route';
import { DEVELOPMENT_PASSWORD } from '@/lib/server/auth/admin';
import { LISTED_SESSION_FIELDS, useRunwayFake } from '@/tests/msw/runway';
import { jsonRequest, routeContext } from '@/tests/unit/request';
import { signIn, signInWithTestPassword, useFreshLimits } from '@/tests/unit/security';

/** /api/emulator is the admin's: the emulator's sessions and fault queue. */

/** The admin cookie each test signs in for; empty for an anonymous visitor. */
let cookie = '';
const asAdmin = (): Record<string, string> => (cookie ? { cookie } : {});

const listSessions = () => GET(jsonRequest('/api/emulator', { headers: asAdmin() }), routeContext({}));
const queueFaults = (body: unknown) => POST(jsonRequest('/api/emulator', { body, headers: asAdmin() }), routeContext({}));
const createSession = () => createRoute(jsonRequest('/api/sessions', { body: { avatarId: 'cat-character' } }), routeContext({}));
const consume = (id: string, ticket: string) =>
  consumeRoute(
    jsonRequest(`/api/sessions/${id}/consume`, { method: 'POST', headers: { 'x-session-ticket': ticket } }),
    routeContext({ id }),
  );

async function errorCode(response: Response) {
  return { status: response.status, code: ((await response.json()) as { error: { code: string } }).error.code };
}

describe('/api/emulator in live mode (a Runway key is set)', () => {
  const fake = useRunwayFake();
  useFreshLimits();
  beforeEach(() => {
    cookie = '';
  });

  it('is admin-only: with no ADMIN_PASSWORD admin sign-in is off, so GET and POST answer 401', async () => {
    expect(await errorCode(await listSessions())).toEqual({ status: 401, code: 'unauthorized' });
    expect(await errorCode(await queueFaults({ faults: ['fail'] }))).toEqual({ status: 401, code: 'unauthorized' });
    expect(fake.requests).toEqual([]);
  });

  it('does not exist for the admin either: GET and POST answer 404 and touch neither Runway nor an emulator', async () => {
    cookie = await signInWithTestPassword();
    expect(await errorCode(await listSessions())).toEqual({ status: 404, code: 'not_found' });
    expect(await errorCode(await queueFaults({ faults: ['fail'] }))).toEqual({ status: 404, code: 'not_found' });
    expect(fake.requests).toEqual([]);
    expect(fake.emulator.control.queueFaults([])).toEqual([]);
  });
});

describe('/api/emulator in emulator mode (no key)', () => {
  useFreshLimits();
  beforeEach(async () => {
    vi.stubEnv('RUNWAYML_API_SECRET', '');
    vi.stubEnv('RUNWAYML_BASE_URL', '');
    // Takes effect when the process-wide emulator is first built; keeps the full call below quick.
    vi.stubEnv('EMULATOR_QUEUED_MS', '20');
    vi.stubEnv('EMULATOR_READY_MS', '100');
    // No ADMIN_PASSWORD on the emulator outside production: the development password signs in.
    cookie = await signIn(DEVELOPMENT_PASSWORD);
  });

  it('is admin-only: an anonymous or forged GET or POST answers 401 and queues nothing', async () => {
    cookie = '';
    expect(await errorCode(await listSessions())).toEqual({ status: 401, code: 'unauthorized' });
    expect(await errorCode(await queueFaults({ faults: ['http-500'] }))).toEqual({ status: 401, code: 'unauthorized' });
    cookie = 'admin_session=forged.cookie';
    expect(await errorCode(await queueFaults({ faults: ['http-500'] }))).toEqual({ status: 401, code: 'unauthorized' });
    // Had the http-500 been queued, this create would fail.
    expect((await createSession()).status).toBe(201);
  });

  it('refuses a cross-site POST from the signed-in admin’s browser with 403, and queues nothing', async () => {
    const request = jsonRequest('/api/emulator', { body: { faults: ['http-500'] }, headers: { cookie, 'sec-fetch-site': 'cross-site' } });
    expect(await errorCode(await POST(request, routeContext({})))).toEqual({ status: 403, code: 'forbidden' });
    expect((await createSession()).status).toBe(201);
  });

  it('lists the emulator’s sessions, including one just created through the app', async () => {
    const created = (await (await createSession()).json()) as { sessionId: string };
    const response = await listSessions();
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const { sessions } = (await response.json()) as { sessions: Array<{ id: string; status: string; statusCalls: number }> };
    expect(sessions.find((session) => session.id === created.sessionId)).toMatchObject({ status: 'NOT_READY', statusCalls: 0 });
  });

  it('queues faults that the next session creates then hit', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const response = await queueFaults({ faults: ['http-500'] });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ queued: ['http-500'] });
    expect(await errorCode(await createSession())).toEqual({ status: 503, code: 'upstream_unavailable' });
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/^\[api\] POST \/api\/sessions → upstream_unavailable: /));
    // The fault is used up: the next create works.
    expect((await createSession()).status).toBe(201);
  });

  it.each([
    ['an unknown fault', { faults: ['http-500', 'explode'] }],
    ['no faults', { faults: [] }],
    ['a missing faults list', {}],
    ['an unknown key', { faults: ['http-500'], delayMs: 10 }],
    ['21 faults', { faults: Array.from({ length: 21 }, () => 'http-500') }],
  ])('rejects %s with 400 invalid_request and queues nothing', async (_name, body) => {
    expect(await errorCode(await queueFaults(body))).toEqual({ status: 400, code: 'invalid_request' });
    // Had any http-500 been queued, this create would fail.
    expect((await createSession()).status).toBe(201);
  });

  it('hands out credentials for the emulated media room: a signed room token and the room URL on this host', async () => {
    const response = await startCallRoute(jsonRequest('/api/avatar/session', { body: { avatarId: 'cat-character' } }), routeContext({}));
    expect(response.status).toBe(200);
    const { sessionId, serverUrl, roomName, token } = (await response.json()) as Record<string, string>;
    expect(serverUrl).toMatch(/^ws:\/\/localhost:\d+$/);
    expect(roomName).toBe(`emulated-${sessionId}`);
    // A LiveKit-style JWT: header.payload.signature, naming the room.
    const [, payload] = token!.split('.');
    expect(JSON.parse(Buffer.from(payload!, 'base64url').toString())).toMatchObject({ video: { room: roomName, roomJoin: true } });
  });

  it('cuts a running call’s signal connection on request, and answers 404 for a session with no call, 400 for a bad id', async () => {
    expect(await errorCode(await queueFaults({ dropSignal: '00000000-0000-4000-8000-000000000000' }))).toEqual({
      status: 404,
      code: 'not_found',
    });
    expect(await errorCode(await queueFaults({ dropSignal: 'not-a-session' }))).toEqual({ status: 400, code: 'invalid_request' });
    expect(await errorCode(await queueFaults({ dropSignal: '00000000-0000-4000-8000-000000000000', faults: ['fail'] }))).toEqual({
      status: 400,
      code: 'invalid_request',
    });
  });

  it('never lists a session key, even for a READY session whose key Runway reports', async () => {
    const created = (await (await createSession()).json()) as { sessionId: string; ticket: string };
    // Waits for READY through the app, leaving the session READY (consumed, not joined).
    const credentials = (await (await consume(created.sessionId, created.ticket)).json()) as Record<string, string>;
    expect(credentials.roomName).toBe(`emulated-${created.sessionId}`);

    const response = await listSessions();
    const text = await response.text();
    const { sessions } = JSON.parse(text) as { sessions: Array<Record<string, unknown>> };
    const listed = sessions.find((session) => session.id === created.sessionId);
    expect(listed).toMatchObject({ status: 'READY' });
    expect(Object.keys(listed!).sort()).toEqual(LISTED_SESSION_FIELDS);
    for (const session of sessions) expect(session).not.toHaveProperty('sessionKey');
    expect(text).not.toContain('sessionKey');
    expect(text).not.toContain('stk_');
  });
});
