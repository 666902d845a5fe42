import { beforeEach, describe, expect, it, vi } from 'vitest';
import { POST as startCallRoute } from '@/app/api/avatar/session/route';
import { POST as endCallRoute } from '@/app/api/emulator/rooms/[roomName]/end/route';
import { GET, POST } from '@/app/api/emulator/route';
import { POST as createRoute } from '@/app/api/sessions/route';
import { useRunwayFake } from '@/tests/msw/runway';
import { jsonRequest, routeContext } from '@/tests/unit/request';

const listSessions = () => GET(jsonRequest('/api/emulator'), routeContext({}));
const queueFaults = (body: unknown) => POST(jsonRequest('/api/emulator', { body }), routeContext({}));
const createSession = () => createRoute(jsonRequest('/api/sessions', { body: { avatarId: 'cat-character' } }), routeContext({}));
const endCall = (roomName: string, body: unknown) =>
  endCallRoute(jsonRequest(`/api/emulator/rooms/${roomName}/end`, { body }), routeContext({ roomName }));

async function errorCode(response: Response) {
  return { status: response.status, code: ((await response.json()) as { error: { code: string } }).error.code };
}

describe('/api/emulator in live mode (a Runway key is set)', () => {
  const fake = useRunwayFake();

  it('does not exist: GET and POST answer 404 and touch neither Runway nor an emulator', async () => {
    expect(await errorCode(await listSessions())).toEqual({ status: 404, code: 'not_found' });
    expect(await errorCode(await queueFaults({ faults: ['fail'] }))).toEqual({ status: 404, code: 'not_found' });
    expect(fake.requests).toEqual([]);
    expect(fake.emulator.control.queueFaults([])).toEqual([]);
  });

  it('cannot end a call either', async () => {
    const roomName = `emulated-${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`;
    expect(await errorCode(await endCall(roomName, { token: 'x' }))).toEqual({ status: 404, code: 'not_found' });
  });
});

describe('/api/emulator in emulator mode (no key)', () => {
  beforeEach(() => {
    vi.stubEnv('RUNWAYML_API_SECRET', '');
    vi.stubEnv('RUNWAYML_BASE_URL', '');
    // Takes effect when the process-wide emulator is first built; keeps the full call below quick.
    vi.stubEnv('EMULATOR_QUEUED_MS', '20');
    vi.stubEnv('EMULATOR_READY_MS', '100');
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
    const response = await queueFaults({ faults: ['http-500'] });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ queued: ['http-500'] });
    expect(await errorCode(await createSession())).toEqual({ status: 503, code: 'upstream_unavailable' });
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

  it('runs a whole emulated call: credentials point at the emulator, and hanging up completes the session', async () => {
    const response = await startCallRoute(jsonRequest('/api/avatar/session', { body: { avatarId: 'cat-character' } }), routeContext({}));
    expect(response.status).toBe(200);
    const { sessionId, serverUrl, roomName, token } = (await response.json()) as Record<string, string>;
    expect(serverUrl).toBe('wss://livekit.emulator.invalid');

    expect(await errorCode(await endCall(roomName!, { token: 'wrong' }))).toEqual({ status: 404, code: 'not_found' });
    const ended = await endCall(roomName!, { token });
    expect(ended.status).toBe(200);
    expect(await ended.json()).toEqual({ status: 'COMPLETED' });

    const { sessions } = (await (await listSessions()).json()) as { sessions: Array<{ id: string; status: string }> };
    expect(sessions.find((session) => session.id === sessionId)?.status).toBe('COMPLETED');
  });

  it('rejects a room name that is not an emulated room with 400', async () => {
    expect(await errorCode(await endCall('my-room', { token: 'x' }))).toEqual({ status: 400, code: 'invalid_request' });
  });
});
