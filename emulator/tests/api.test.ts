import RunwayML from '@runwayml/sdk';
import { beforeEach, describe, expect, it } from 'vitest';
import { PRESET_AVATAR_IDS } from '../src/runway-facts';
import { parseConfig } from '../src/config';
import { encodeCursor } from '../src/pagination';
import { createEmulator, createEmulatorFromConfig, DEMO_AVATAR_ID, RUNWAY_VERSION, type RunwayEmulator } from '../src/index';

/** The fields the control list shows of a session, sorted; never its session key. */
const LISTED_SESSION_FIELDS = ['createdAt', 'id', 'readyAt', 'readySeenAt', 'status', 'statusCalls', 'tools', 'transcript'];
import { endCall, joinRoom } from '../src/testing/calls';

/**
 * The emulator is the Runway fake that both demo mode and every other test rely on, so its wire behaviour
 * (validation, auth, status codes, the status timeline) is pinned here against Runway's documented session API.
 */

const T0 = Date.parse('2026-11-01T12:00:00.000Z');
const TIMINGS = { queuedMs: 500, readyMs: { min: 2000, max: 2000 }, readyExpiryMs: 300_000 };
const API_HEADERS = { authorization: 'Bearer key_test_emulator', 'x-runway-version': RUNWAY_VERSION };
const PRESET_BODY = { model: 'gwm1_avatars', avatar: { type: 'runway-preset', presetId: 'cat-character' } };

let clock: number;
let emulator: RunwayEmulator;

beforeEach(() => {
  clock = T0;
  emulator = createEmulator({ ...TIMINGS, now: () => clock, random: () => 0.5 });
});

interface CallInit {
  body?: unknown;
  headers?: Record<string, string>;
  /** Send no API key and no version header (for session-key routes and auth tests). */
  bare?: boolean;
}

/** One raw request to the emulator, exactly as it would arrive over HTTP. */
function call(method: string, path: string, { body, headers = {}, bare = false }: CallInit = {}) {
  const base = bare ? {} : API_HEADERS;
  const contentType: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
  return emulator.handle(
    new Request(`https://e.test${path}`, {
      method,
      headers: { ...base, ...contentType, ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
}

async function createId(body: unknown = PRESET_BODY) {
  const response = await call('POST', '/v1/realtime_sessions', { body });
  expect(response.status).toBe(200);
  return ((await response.json()) as { id: string }).id;
}

async function status(id: string) {
  const response = await call('GET', `/v1/realtime_sessions/${id}`);
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

function consume(id: string, sessionKey: string, headers: Record<string, string> = {}) {
  return call('POST', `/v1/realtime_sessions/${id}/consume`, {
    bare: true,
    headers: { authorization: `Bearer ${sessionKey}`, 'content-type': 'application/json', ...headers },
  });
}

async function readySessionKey(id: string) {
  clock = T0 + 2000;
  const ready = await status(id);
  expect(ready.status).toBe('READY');
  return ready.sessionKey as string;
}

interface RoomCredentials {
  url: string;
  token: string;
  roomName: string;
}

/** READY at T0 + 2000, then consumed there: the credentials a browser would get. */
async function consumed(id: string): Promise<RoomCredentials> {
  const response = await consume(id, await readySessionKey(id));
  expect(response.status).toBe(200);
  return (await response.json()) as RoomCredentials;
}

/** The emulated participant joins the room (the WebRTC connection of a live call). */
function join({ roomName }: RoomCredentials) {
  const joined = joinRoom(emulator.control, roomName);
  expect(joined?.status).toBe('RUNNING');
  return joined;
}

describe('emulator: creating a realtime session', () => {
  it('accepts each of the nine preset avatars through the real SDK', async () => {
    const client = new RunwayML({ apiKey: 'key_x', baseURL: 'https://e.test', fetch: emulator.fetch, maxRetries: 0 });
    expect(PRESET_AVATAR_IDS).toHaveLength(9);
    const ids = new Set<string>();
    for (const presetId of PRESET_AVATAR_IDS) {
      const { id } = await client.realtimeSessions.create({ model: 'gwm1_avatars', avatar: { type: 'runway-preset', presetId } });
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      ids.add(id);
    }
    expect(ids.size).toBe(9);
    expect(emulator.control.sessions()).toHaveLength(9);
  });

  it('accepts the demo custom avatar, which every emulator starts with', async () => {
    const id = await createId({ model: 'gwm1_avatars', avatar: { type: 'custom', avatarId: DEMO_AVATAR_ID } });
    expect((await status(id)).status).toBe('NOT_READY');
  });

  it('answers 404 for a custom avatar that does not exist', async () => {
    const response = await call('POST', '/v1/realtime_sessions', {
      body: { model: 'gwm1_avatars', avatar: { type: 'custom', avatarId: '00000000-0000-4000-8000-000000000000' } },
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'Avatar not found' });
    expect(emulator.control.sessions()).toHaveLength(0);
  });

  it.each([
    ['maxDuration 10 (the minimum)', { maxDuration: 10 }],
    ['maxDuration 1800 (the maximum)', { maxDuration: 1800 }],
    ['a one-character personality', { personality: 'x' }],
    ['a 10 000-character personality', { personality: 'x'.repeat(10_000) }],
    ['a 2000-character startScript', { startScript: 'x'.repeat(2000) }],
    [
      '20 tools with unique names',
      { tools: Array.from({ length: 20 }, (_, i) => ({ type: 'client_event', name: `tool_${i}`, description: 'Does a thing' })) },
    ],
    ['a backend_rpc tool with a timeout', { tools: [{ type: 'backend_rpc', name: 'lookup', description: 'Looks up', timeoutSeconds: 8 }] }],
  ])('accepts %s', async (_name, extra) => {
    const response = await call('POST', '/v1/realtime_sessions', { body: { ...PRESET_BODY, ...extra } });
    expect(response.status).toBe(200);
  });

  it.each([
    ['an unknown preset id', { avatar: { type: 'runway-preset', presetId: 'dog-character' } }, 'avatar.presetId'],
    ['a custom avatar id that is not a UUID', { avatar: { type: 'custom', avatarId: 'ada' } }, 'avatar.avatarId'],
    ['a model other than gwm1_avatars', { model: 'gen4_turbo' }, 'model'],
    ['maxDuration 9', { maxDuration: 9 }, 'maxDuration'],
    ['maxDuration 1801', { maxDuration: 1801 }, 'maxDuration'],
    ['a fractional maxDuration', { maxDuration: 30.5 }, 'maxDuration'],
    ['an empty personality', { personality: '' }, 'personality'],
    ['a 10 001-character personality', { personality: 'x'.repeat(10_001) }, 'personality'],
    ['an empty startScript', { startScript: '' }, 'startScript'],
    ['a 2001-character startScript', { startScript: 'x'.repeat(2001) }, 'startScript'],
    [
      '21 tools',
      { tools: Array.from({ length: 21 }, (_, i) => ({ type: 'client_event', name: `tool_${i}`, description: 'Does a thing' })) },
      'tools',
    ],
    [
      'two tools with the same name',
      {
        tools: [
          { type: 'client_event', name: 'show', description: 'One' },
          { type: 'backend_rpc', name: 'show', description: 'Two' },
        ],
      },
      'tools',
    ],
    ['a tool name with a dash', { tools: [{ type: 'client_event', name: 'show-emoji', description: 'x' }] }, 'tools.0.name'],
    [
      'a backend_rpc timeout of 9 s',
      { tools: [{ type: 'backend_rpc', name: 'f', description: 'x', timeoutSeconds: 9 }] },
      'tools.0.timeoutSeconds',
    ],
    ['the deprecated top-level livekit key', { livekit: { url: 'wss://x.test', token: 't', roomName: 'r' } }, ''],
    ['an unknown top-level key', { avatarId: 'cat-character' }, ''],
  ])('rejects %s with 400 and zod-style issues', async (_name, extra, issuePath) => {
    const response = await call('POST', '/v1/realtime_sessions', { body: { ...PRESET_BODY, ...extra } });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; issues: Array<{ code: string; path: unknown[]; message: string }> };
    expect(typeof body.error).toBe('string');
    expect(body.issues.length).toBeGreaterThan(0);
    expect(body.issues.map((issue) => issue.path.join('.'))).toContain(issuePath);
    expect(emulator.control.sessions()).toHaveLength(0);
  });

  it('names the unknown key in the error message', async () => {
    const response = await call('POST', '/v1/realtime_sessions', { body: { ...PRESET_BODY, livekit: {} } });
    const body = (await response.json()) as { error: string; issues: Array<{ code: string }> };
    expect(body.issues[0]?.code).toBe('unrecognized_keys');
    expect(body.error).toMatch(/livekit/);
  });

  it('rejects a body sent without Content-Type: application/json', async () => {
    const response = await call('POST', '/v1/realtime_sessions', {
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify(PRESET_BODY),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'Incorrect content type' });
  });

  it('rejects malformed JSON', async () => {
    const response = await call('POST', '/v1/realtime_sessions', { body: '{"model":' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'Invalid JSON body' });
  });

  it('surfaces validation failures as the SDK’s BadRequestError, issues included', async () => {
    const client = new RunwayML({ apiKey: 'key_x', baseURL: 'https://e.test', fetch: emulator.fetch, maxRetries: 0 });
    const error = await client.realtimeSessions
      .create({ model: 'gwm1_avatars', avatar: { type: 'runway-preset', presetId: 'cat-character' }, maxDuration: 1801 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RunwayML.BadRequestError);
    expect((error as InstanceType<typeof RunwayML.BadRequestError>).error).toMatchObject({ issues: [{ path: ['maxDuration'] }] });
  });
});

describe('emulator: authentication and versioning', () => {
  it('answers 401 when the Authorization header is missing', async () => {
    const response = await call('POST', '/v1/realtime_sessions', {
      bare: true,
      headers: { 'x-runway-version': RUNWAY_VERSION },
      body: PRESET_BODY,
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'Missing API key' });
  });

  it.each(['Bearer not-a-key', 'Bearer ', 'Basic key_abc', 'key_abc'])('answers 401 for the credential %j', async (authorization) => {
    const response = await call('GET', '/v1/avatars', { headers: { authorization } });
    expect(response.status).toBe(401);
  });

  it('answers 400 when X-Runway-Version is missing', async () => {
    const response = await call('GET', '/v1/avatars', { bare: true, headers: { authorization: 'Bearer key_abc' } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toContain('2024-11-06');
  });

  it('answers 400 when X-Runway-Version is not the exact value 2024-11-06', async () => {
    const response = await call('GET', '/v1/avatars', { headers: { 'x-runway-version': '2025-01-01' } });
    expect(response.status).toBe(400);
  });

  it('raises the SDK’s AuthenticationError for a key without the key_ prefix', async () => {
    const client = new RunwayML({ apiKey: 'sk_wrong', baseURL: 'https://e.test', fetch: emulator.fetch, maxRetries: 0 });
    await expect(client.avatars.list({})).rejects.toBeInstanceOf(RunwayML.AuthenticationError);
  });

  it('sends 404 for unknown paths and 405 for known paths with the wrong method', async () => {
    expect((await call('GET', '/v1/tasks/123')).status).toBe(404);
    expect((await call('GET', '/v2/realtime_sessions')).status).toBe(404);
    expect((await call('PUT', '/v1/realtime_sessions')).status).toBe(405);
    expect((await call('PATCH', '/v1/realtime_sessions/abc')).status).toBe(405);
    expect((await call('GET', '/v1/realtime_sessions/abc/consume')).status).toBe(405);
    expect(await (await call('PUT', '/v1/realtime_sessions')).json()).toEqual({ error: 'Method not allowed' });
  });
});

describe('emulator: a session’s status over time', () => {
  it('goes NOT_READY (queued) → NOT_READY → READY → FAILED NO_PARTICIPANT when nobody consumes it', async () => {
    const id = await createId();

    expect(await status(id)).toEqual({ id, createdAt: new Date(T0).toISOString(), status: 'NOT_READY', queued: true });
    clock = T0 + 499;
    expect(await status(id)).toMatchObject({ status: 'NOT_READY', queued: true });
    clock = T0 + 500;
    expect(await status(id)).toMatchObject({ status: 'NOT_READY', queued: false });
    clock = T0 + 1999;
    expect((await status(id)).status).toBe('NOT_READY');

    clock = T0 + 2000;
    const ready = await status(id);
    expect(ready).toEqual({
      id,
      createdAt: new Date(T0).toISOString(),
      status: 'READY',
      sessionKey: expect.stringMatching(/^stk_\w+$/),
      expiresAt: new Date(T0 + 2000 + 300_000).toISOString(),
    });

    clock = T0 + 2000 + 300_000 - 1;
    expect((await status(id)).status).toBe('READY');
    clock = T0 + 2000 + 300_000;
    expect(await status(id)).toMatchObject({
      status: 'FAILED',
      failureCode: 'TALKING_AVATAR.NO_PARTICIPANT',
      failure: expect.any(String),
    });
    expect(emulator.control.session(id)?.statusCalls).toBe(7);
  });

  it('records when a status call first answered READY, for the benchmarks’ READY → check gap', async () => {
    const id = await createId();
    clock = T0 + 1999;
    await status(id);
    expect(emulator.control.sessions().find((session) => session.id === id)?.readySeenAt).toBeNull();
    clock = T0 + 2150;
    await status(id);
    clock = T0 + 2400;
    await status(id);
    expect(emulator.control.sessions().find((session) => session.id === id)?.readySeenAt).toBe(new Date(T0 + 2150).toISOString());
  });

  it('places READY within the configured range using the injected random source', async () => {
    const ranged = createEmulator({ ...TIMINGS, readyMs: { min: 1000, max: 3000 }, now: () => T0, random: () => 0.25 });
    const response = await ranged.handle(
      new Request('https://e.test/v1/realtime_sessions', {
        method: 'POST',
        headers: { ...API_HEADERS, 'content-type': 'application/json' },
        body: JSON.stringify(PRESET_BODY),
      }),
    );
    const { id } = (await response.json()) as { id: string };
    expect(ranged.control.session(id)?.readyAt).toBe(T0 + 1500);
  });

  it('stays READY once consumed, goes RUNNING when the participant joins, and COMPLETED maxDuration after the join', async () => {
    const id = await createId({ ...PRESET_BODY, maxDuration: 60 });
    const key = await readySessionKey(id);
    clock = T0 + 3000;
    const response = await consume(id, key);
    expect(response.status).toBe(200);
    const credentials = (await response.json()) as RoomCredentials;

    // Handing out credentials does not start the call: nobody is in the room yet.
    expect((await status(id)).status).toBe('READY');
    clock = T0 + 13_000;
    expect((await status(id)).status).toBe('READY');

    expect(joinRoom(emulator.control, credentials.roomName)).toEqual({
      id,
      createdAt: new Date(T0).toISOString(),
      status: 'RUNNING',
    });
    expect(await status(id)).toEqual({ id, createdAt: new Date(T0).toISOString(), status: 'RUNNING' });
    // Joining again (a reconnect) neither fails nor restarts the clock.
    clock = T0 + 40_000;
    expect(joinRoom(emulator.control, credentials.roomName)?.status).toBe('RUNNING');
    // Counted from the join, not from consume (which would have ended it at T0 + 63 000).
    clock = T0 + 13_000 + 59_999;
    expect((await status(id)).status).toBe('RUNNING');
    clock = T0 + 13_000 + 60_000;
    expect(await status(id)).toMatchObject({ status: 'COMPLETED', duration: 60 });
    // A session that was joined never falls back to the NO_PARTICIPANT failure, however late it is read.
    clock = T0 + 10_000_000;
    expect(await status(id)).toMatchObject({ status: 'COMPLETED', duration: 60 });
  });

  it('fails NO_PARTICIPANT at expiresAt when credentials were consumed but nobody joined', async () => {
    const id = await createId();
    const credentials = await consumed(id);

    clock = T0 + 2000 + 300_000 - 1;
    expect((await status(id)).status).toBe('READY');
    clock = T0 + 2000 + 300_000;
    expect(await status(id)).toMatchObject({ status: 'FAILED', failureCode: 'TALKING_AVATAR.NO_PARTICIPANT', failure: expect.any(String) });

    // Joining too late does not revive it.
    expect(joinRoom(emulator.control, credentials.roomName)).toMatchObject({
      status: 'FAILED',
      failureCode: 'TALKING_AVATAR.NO_PARTICIPANT',
    });
    clock = T0 + 2000 + 400_000;
    expect((await status(id)).status).toBe('FAILED');
  });

  it('caps a running session at the default 300 s when no maxDuration was sent', async () => {
    const id = await createId();
    const credentials = await consumed(id);
    clock = T0 + 5000;
    join(credentials);
    clock = T0 + 5000 + 299_999;
    expect((await status(id)).status).toBe('RUNNING');
    clock = T0 + 5000 + 300_000;
    expect(await status(id)).toMatchObject({ status: 'COMPLETED', duration: 300 });
  });

  it('ends COMPLETED with the call’s duration, counted from the join, when the client hangs up (END_CALL)', async () => {
    const id = await createId();
    const credentials = await consumed(id);
    const { roomName } = credentials;

    // Hanging up before anyone joined ends nothing.
    clock = T0 + 4000;
    expect(endCall(emulator.control, roomName)?.status).toBe('READY');
    clock = T0 + 5000;
    join(credentials);

    clock = T0 + 5000 + 42_400;
    expect(endCall(emulator.control, 'emulated-unknown')).toBeUndefined();
    expect(endCall(emulator.control, roomName)).toMatchObject({ status: 'COMPLETED', duration: 42 });

    clock = T0 + 5000 + 200_000;
    expect(await status(id)).toMatchObject({ status: 'COMPLETED', duration: 42 });
    // Neither a second hang-up nor a late join changes a finished call.
    expect(endCall(emulator.control, roomName)).toMatchObject({ status: 'COMPLETED', duration: 42 });
    expect(joinRoom(emulator.control, roomName)).toMatchObject({ status: 'COMPLETED', duration: 42 });
  });

  it('has no room to join before consume', async () => {
    const id = await createId();
    await readySessionKey(id);
    expect(joinRoom(emulator.control, `emulated-${id}`)).toBeUndefined();
    expect((await status(id)).status).toBe('READY');
  });

  it('answers 404 for a session id it never issued', async () => {
    const response = await call('GET', '/v1/realtime_sessions/00000000-0000-4000-8000-000000000000');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'Realtime session not found' });
  });
});

describe('emulator: cancelling a session', () => {
  it('cancels a pending session with 204, after which it reports CANCELLED', async () => {
    const id = await createId();
    const response = await call('DELETE', `/v1/realtime_sessions/${id}`);
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect(await status(id)).toEqual({ id, createdAt: new Date(T0).toISOString(), status: 'CANCELLED' });
    clock = T0 + 2000;
    expect((await status(id)).status).toBe('CANCELLED');
  });

  it('cancels a running session', async () => {
    const id = await createId();
    join(await consumed(id));
    expect((await status(id)).status).toBe('RUNNING');
    expect((await call('DELETE', `/v1/realtime_sessions/${id}`)).status).toBe(204);
    expect((await status(id)).status).toBe('CANCELLED');
  });

  it('cancels a consumed session nobody has joined yet', async () => {
    const id = await createId();
    const credentials = await consumed(id);
    expect((await call('DELETE', `/v1/realtime_sessions/${id}`)).status).toBe(204);
    expect((await status(id)).status).toBe('CANCELLED');
    // The room is gone with it.
    expect(joinRoom(emulator.control, credentials.roomName)?.status).toBe('CANCELLED');
    expect((await status(id)).status).toBe('CANCELLED');
  });

  it('works through the SDK’s realtimeSessions.delete', async () => {
    const client = new RunwayML({ apiKey: 'key_x', baseURL: 'https://e.test', fetch: emulator.fetch, maxRetries: 0 });
    const { id } = await client.realtimeSessions.create({
      model: 'gwm1_avatars',
      avatar: { type: 'runway-preset', presetId: 'influencer' },
    });
    await client.realtimeSessions.delete(id);
    expect((await client.realtimeSessions.retrieve(id)).status).toBe('CANCELLED');
  });

  it.each([
    ['CANCELLED', async (id: string) => void (await call('DELETE', `/v1/realtime_sessions/${id}`))],
    ['FAILED', async () => void (clock = T0 + 2000 + 300_000)],
    [
      'COMPLETED',
      async (id: string) => {
        const credentials = await consumed(id);
        join(credentials);
        endCall(emulator.control, credentials.roomName);
      },
    ],
  ])('refuses to cancel a %s session with 400', async (terminal, makeTerminal) => {
    const id = await createId();
    await makeTerminal(id);
    expect((await status(id)).status).toBe(terminal);
    const response = await call('DELETE', `/v1/realtime_sessions/${id}`);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: `Session is already ${terminal}` });
    expect((await status(id)).status).toBe(terminal);
  });
});

describe('emulator: consuming a session', () => {
  it('trades the session key for LiveKit credentials, without needing the API key or version header', async () => {
    const id = await createId();
    const key = await readySessionKey(id);
    const response = await consume(id, key);
    expect(response.status).toBe(200);
    const credentials = await response.json();
    // The room URL follows the consume request's host; the token is a JWT naming the room.
    expect(credentials).toEqual({
      url: expect.stringMatching(/^ws:\/\/e\.test:\d+$/),
      token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      roomName: `emulated-${id}`,
    });
  });

  it('requires Content-Type: application/json', async () => {
    const id = await createId();
    const key = await readySessionKey(id);
    const response = await call('POST', `/v1/realtime_sessions/${id}/consume`, { bare: true, headers: { authorization: `Bearer ${key}` } });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'Incorrect content type' });
    // The failed attempt did not use up the credentials.
    expect((await consume(id, key)).status).toBe(200);
  });

  it('rejects the API key or another session’s key with 401', async () => {
    const id = await createId();
    const other = await createId();
    await readySessionKey(id);
    const otherKey = (await status(other)).sessionKey as string;
    expect((await consume(id, 'key_test_emulator')).status).toBe(401);
    expect((await consume(id, otherKey)).status).toBe(401);
    expect((await consume(id, '')).status).toBe(401);
  });

  it('refuses with 409 while the session is NOT_READY', async () => {
    const id = await createId();
    clock = T0 + 1000;
    // The key is not published before READY, but a guessed-right key still must not work early.
    const key = await readySessionKey(id);
    clock = T0 + 1000;
    const response = await consume(id, key);
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({ error: 'Session is NOT_READY, not READY' });
  });

  it('is single use: a second consume answers 409 and the first credentials stay valid', async () => {
    const id = await createId();
    const key = await readySessionKey(id);
    const first = (await (await consume(id, key)).json()) as RoomCredentials;
    const second = await consume(id, key);
    expect(second.status).toBe(409);
    expect(await second.json()).toEqual({ error: 'Session credentials have already been consumed' });
    expect(joinRoom(emulator.control, first.roomName)?.status).toBe('RUNNING');
    expect(endCall(emulator.control, first.roomName)?.status).toBe('COMPLETED');
  });

  it('refuses with 409 once the READY window has expired', async () => {
    const id = await createId();
    const key = await readySessionKey(id);
    clock = T0 + 2000 + 300_000;
    expect((await consume(id, key)).status).toBe(409);
  });

  it('answers 404 for an unknown session', async () => {
    expect((await consume('00000000-0000-4000-8000-000000000000', 'stk_x')).status).toBe(404);
  });
});

describe('emulator: scripted faults', () => {
  it('fail: the next session reports FAILED INTERNAL once it would have been ready', async () => {
    emulator.control.queueFaults(['fail']);
    const id = await createId();
    clock = T0 + 1999;
    expect((await status(id)).status).toBe('NOT_READY');
    clock = T0 + 2000;
    expect(await status(id)).toMatchObject({ status: 'FAILED', failureCode: 'INTERNAL' });
  });

  it('never-ready: the next session stays NOT_READY and queued forever', async () => {
    emulator.control.queueFaults(['never-ready']);
    const id = await createId();
    clock = T0 + 3_600_000;
    expect(await status(id)).toMatchObject({ status: 'NOT_READY', queued: true });
  });

  it.each([
    ['http-401', 401, 'Invalid API key'],
    ['http-429', 429, 'Too many concurrent sessions'],
    ['http-500', 500, 'Internal server error'],
  ] as const)('%s: the next create answers %i and creates nothing', async (fault, code, message) => {
    emulator.control.queueFaults([fault]);
    const response = await call('POST', '/v1/realtime_sessions', { body: PRESET_BODY });
    expect(response.status).toBe(code);
    expect(await response.json()).toEqual({ error: message });
    expect(response.headers.get('retry-after')).toBe(code === 429 ? '30' : null);
    expect(emulator.control.sessions()).toHaveLength(0);
  });

  it('applies faults one per create, in order, then behaves normally', async () => {
    expect(emulator.control.queueFaults(['http-500', 'fail'])).toEqual(['http-500', 'fail']);
    expect((await call('POST', '/v1/realtime_sessions', { body: PRESET_BODY })).status).toBe(500);
    const failing = await createId();
    const healthy = await createId();
    clock = T0 + 2000;
    expect((await status(failing)).status).toBe('FAILED');
    expect((await status(healthy)).status).toBe('READY');
  });

  it('keeps a queued fault when the create was rejected before reaching it', async () => {
    emulator.control.queueFaults(['http-429']);
    expect((await call('POST', '/v1/realtime_sessions', { body: { ...PRESET_BODY, maxDuration: 5 } })).status).toBe(400);
    expect((await call('POST', '/v1/realtime_sessions', { body: PRESET_BODY })).status).toBe(429);
  });

  it('takes initial faults from its options', async () => {
    const faulty = createEmulator({ ...TIMINGS, faults: ['http-401'] });
    const client = new RunwayML({ apiKey: 'key_x', baseURL: 'https://e.test', fetch: faulty.fetch, maxRetries: 0 });
    const create = () =>
      client.realtimeSessions.create({ model: 'gwm1_avatars', avatar: { type: 'runway-preset', presetId: 'tennis-coach' } });
    await expect(create()).rejects.toBeInstanceOf(RunwayML.AuthenticationError);
    await expect(create()).resolves.toHaveProperty('id');
  });

  it('lists sessions with their status, ready time and status-call count for the control panel', async () => {
    const id = await createId();
    await status(id);
    expect(emulator.control.sessions()).toEqual([
      {
        id,
        createdAt: new Date(T0).toISOString(),
        status: 'NOT_READY',
        readyAt: new Date(T0 + 2000).toISOString(),
        statusCalls: 1,
        readySeenAt: null,
        tools: [],
        transcript: [],
      },
    ]);
    expect(emulator.control.session('nope')).toBeUndefined();
  });

  it('never lists a session key, in any status (the control panel is served over HTTP)', async () => {
    const ready = await createId();
    const idle = await createId();
    const running = await createId();
    clock = T0 + 2000;
    const readyKey = (await status(ready)).sessionKey as string;
    expect(readyKey).toMatch(/^stk_\w+$/);
    expect((await status(idle)).status).toBe('READY');
    join(await consumed(running));
    const pending = await createId();

    const listed = () => {
      const items = emulator.control.sessions();
      expect(items).toHaveLength(4);
      for (const item of items) {
        expect(Object.keys(item).sort()).toEqual(LISTED_SESSION_FIELDS);
        expect(item).not.toHaveProperty('sessionKey');
      }
      const text = JSON.stringify(items);
      expect(text).not.toContain('stk_');
      expect(text).not.toContain(readyKey);
      return Object.fromEntries(items.map((item) => [item.id, item.status]));
    };

    expect(listed()).toEqual({ [ready]: 'READY', [idle]: 'READY', [running]: 'RUNNING', [pending]: 'NOT_READY' });
    expect((await call('DELETE', `/v1/realtime_sessions/${pending}`)).status).toBe(204);
    clock = T0 + 2000 + 300_000;
    expect(listed()).toEqual({ [ready]: 'FAILED', [idle]: 'FAILED', [running]: 'COMPLETED', [pending]: 'CANCELLED' });
  });
});

describe('emulator: GET faults (get-429, get-500, get-503)', () => {
  const GET_FAULTS = [
    ['get-429', 429, 'Too many requests', '1'],
    ['get-500', 500, 'Internal server error', null],
    ['get-503', 503, 'Service unavailable', null],
  ] as const;
  // Any API GET takes the fault: a status poll, a list, a retrieve.
  const GETS = [
    ['a status poll', (id: string) => `/v1/realtime_sessions/${id}`],
    ['the avatar list', () => '/v1/avatars?limit=10'],
    ['the conversation list', () => '/v1/avatar_conversations'],
    ['an avatar', () => `/v1/avatars/${DEMO_AVATAR_ID}`],
  ] as const;
  const cases = GET_FAULTS.flatMap(([fault, code, message, retryAfter]) =>
    GETS.map(([label, path]) => [fault, code, label, message, retryAfter, path] as const),
  );

  it.each(cases)(
    '%s: exactly the next GET answers %i in Runway’s error shape (here %s), the GET after it succeeds, POSTs leave it queued',
    async (fault, code, _label, message, retryAfter, path) => {
      emulator.control.queueFaults([fault]);
      // POSTs (a create, a consume) do not take it.
      const id = await createId();
      expect((await consume(id, 'stk_wrong')).status).toBe(401);
      expect(emulator.control.queueFaults([])).toEqual([fault]);

      const failed = await call('GET', path(id));
      expect(failed.status).toBe(code);
      expect(failed.headers.get('retry-after')).toBe(retryAfter);
      expect(failed.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await failed.json()).toEqual({ error: message });
      // Answered before the endpoint: the poll was not counted.
      expect(emulator.control.session(id)?.statusCalls).toBe(0);
      expect(emulator.control.queueFaults([])).toEqual([]);

      const next = await call('GET', path(id));
      expect(next.status).toBe(200);
      expect(next.headers.get('retry-after')).toBeNull();
    },
  );

  it('queued faults go to successive GETs in order, one each, then GETs succeed', async () => {
    const id = await createId();
    emulator.control.queueFaults(['get-503', 'get-429']);
    expect((await call('GET', '/v1/avatars')).status).toBe(503);
    expect((await call('POST', '/v1/realtime_sessions', { body: PRESET_BODY })).status).toBe(200);
    const limited = await call('GET', `/v1/realtime_sessions/${id}`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect((await call('GET', `/v1/realtime_sessions/${id}`)).status).toBe(200);
    expect((await call('GET', '/v1/avatars')).status).toBe(200);
  });

  it.each(GET_FAULTS)('a %s reaches the SDK as the matching APIError, with its status and body', async (fault, code, message) => {
    const client = new RunwayML({ apiKey: 'key_x', baseURL: 'https://e.test', fetch: emulator.fetch, maxRetries: 0 });
    emulator.control.queueFaults([fault]);
    const error = await client.avatars.list({}).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(code === 429 ? RunwayML.RateLimitError : RunwayML.InternalServerError);
    expect(error).toMatchObject({ status: code, error: { error: message } });
    expect((await client.avatars.list({})).data).toHaveLength(1);
  });
});

describe('emulator: concurrent session limit (maxConcurrentSessions)', () => {
  beforeEach(() => {
    emulator = createEmulator({ ...TIMINGS, maxConcurrentSessions: 2, now: () => clock, random: () => 0.5 });
  });

  async function refused() {
    const response = await call('POST', '/v1/realtime_sessions', { body: PRESET_BODY });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('30');
    expect(await response.json()).toEqual({ error: 'Too many concurrent sessions' });
  }

  it('answers 429 with Retry-After: 30 once that many sessions are pending, and creates nothing', async () => {
    await createId();
    await createId();
    await refused();
    await refused();
    expect(emulator.control.sessions()).toHaveLength(2);
  });

  it('counts READY and RUNNING sessions as taking a slot', async () => {
    const running = await createId();
    const ready = await createId();
    join(await consumed(running));
    expect((await status(ready)).status).toBe('READY');
    await refused();
  });

  it('surfaces the limit as the SDK’s RateLimitError', async () => {
    const client = new RunwayML({ apiKey: 'key_x', baseURL: 'https://e.test', fetch: emulator.fetch, maxRetries: 0 });
    const create = () =>
      client.realtimeSessions.create({ model: 'gwm1_avatars', avatar: { type: 'runway-preset', presetId: 'influencer' } });
    await create();
    await create();
    await expect(create()).rejects.toBeInstanceOf(RunwayML.RateLimitError);
  });

  it('frees the slot of a cancelled session', async () => {
    const first = await createId();
    await createId();
    await refused();
    expect((await call('DELETE', `/v1/realtime_sessions/${first}`)).status).toBe(204);
    await createId();
    await refused();
  });

  it('frees the slot of a session whose call ended (END_CALL)', async () => {
    const first = await createId();
    await createId();
    const credentials = await consumed(first);
    join(credentials);
    await refused();
    expect(endCall(emulator.control, credentials.roomName)?.status).toBe('COMPLETED');
    await createId();
    await refused();
  });

  it('frees the slot of a session that ran out its maxDuration', async () => {
    const first = await createId({ ...PRESET_BODY, maxDuration: 10 });
    await createId();
    join(await consumed(first));
    clock = T0 + 2000 + 9_999;
    await refused();
    clock = T0 + 2000 + 10_000;
    expect((await status(first)).status).toBe('COMPLETED');
    await createId();
  });

  it('frees the slots of failed sessions', async () => {
    emulator.control.queueFaults(['fail']);
    await createId();
    await createId();
    clock = T0 + 1999;
    await refused();
    // One FAILED INTERNAL; the other, never consumed, FAILED NO_PARTICIPANT once its READY window passed.
    clock = T0 + 2000;
    await createId();
    await refused();
    clock = T0 + 2000 + 300_000;
    await createId();
  });

  it('keeps a queued fault when the limit refused the create', async () => {
    await createId();
    await createId();
    emulator.control.queueFaults(['http-500']);
    await refused();
    expect(emulator.control.queueFaults([])).toEqual(['http-500']);
  });

  it('has no limit at 0, the default', async () => {
    for (const options of [{}, { maxConcurrentSessions: 0 }]) {
      emulator = createEmulator({ ...TIMINGS, ...options, now: () => clock, random: () => 0.5 });
      for (let i = 0; i < 25; i += 1) await createId();
      expect(emulator.control.sessions()).toHaveLength(25);
    }
  });

  it('takes the limit from EMULATOR_MAX_CONCURRENT_SESSIONS', async () => {
    emulator = createEmulatorFromConfig(parseConfig({ EMULATOR_MAX_CONCURRENT_SESSIONS: '1' }));
    await createId();
    await refused();
    emulator = createEmulatorFromConfig(parseConfig({}));
    for (let i = 0; i < 5; i += 1) await createId();
  });
});

describe('emulator: avatars', () => {
  it('lists the demo avatar on a single page', async () => {
    const response = await call('GET', '/v1/avatars');
    expect(response.status).toBe(200);
    const page = (await response.json()) as { data: Array<{ id: string; status: string }>; hasMore: boolean; nextCursor: string | null };
    expect(page).toMatchObject({ hasMore: false, nextCursor: null });
    expect(page.data.map(({ id, status }) => ({ id, status }))).toEqual([{ id: DEMO_AVATAR_ID, status: 'READY' }]);
  });

  it('with limit=1 and one avatar, returns it with no next cursor', async () => {
    const page = (await (await call('GET', '/v1/avatars?limit=1')).json()) as { data: unknown[]; nextCursor: string | null };
    expect(page.data).toHaveLength(1);
    expect(page.nextCursor).toBeNull();
  });

  it('a cursor naming the last avatar returns an empty final page', async () => {
    const cursor = encodeCursor(DEMO_AVATAR_ID, 1);
    expect(cursor.length).toBe(996);
    const page = await (await call('GET', `/v1/avatars?cursor=${encodeURIComponent(cursor)}`)).json();
    expect(page).toEqual({ data: [], hasMore: false, nextCursor: null });
  });

  it.each(['cursor=bogus', `cursor=${'a'.repeat(1001)}`, 'limit=0', 'limit=101', 'limit=abc', 'sort=createdAt', 'cursor='])(
    'rejects the query %s with 400',
    async (query) => {
      expect((await call('GET', `/v1/avatars?${query}`)).status).toBe(400);
    },
  );

  it('pages through the SDK’s CursorPage', async () => {
    const client = new RunwayML({ apiKey: 'key_x', baseURL: 'https://e.test', fetch: emulator.fetch, maxRetries: 0 });
    const page = await client.avatars.list({ limit: 1 });
    expect(page.data.map((avatar) => avatar.name)).toEqual(['Ada']);
    expect(page.hasNextPage()).toBe(false);
  });

  it('retrieves the demo avatar and answers 404 for others', async () => {
    const found = await call('GET', `/v1/avatars/${DEMO_AVATAR_ID}`);
    expect(found.status).toBe(200);
    expect(await found.json()).toMatchObject({ id: DEMO_AVATAR_ID, name: 'Ada', voice: { type: 'runway-live-preset', presetId: 'clara' } });
    const missing = await call('GET', '/v1/avatars/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'Avatar not found' });
  });
});
