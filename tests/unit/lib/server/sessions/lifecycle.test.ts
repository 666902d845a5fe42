import { http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { AppError } from '@/lib/errors';
import { DEMO_AVATAR_ID } from 'runway-emulator';
import { readTicket, type SessionTicket } from '@/lib/server/security/session-tickets';
import type { Caller } from '@/lib/server/sessions/access';
import { cancelSession, consumeSession, startCall, startSession, waitForProgress } from '@/lib/server/sessions/lifecycle';
import { ReadinessModel } from '@/lib/server/sessions/readiness-model';
import { RUNWAY_TEST_URL, useRunwayFake, type RunwayFake } from '@/tests/msw/runway';
import { server } from '@/tests/msw/server';
import { GENEROUS_LIMITS, useFreshLimits } from '@/tests/unit/security';
import { trainSharedReadinessModel } from '@/tests/unit/readiness';
import { endCall, joinRoom } from 'runway-emulator/testing';

/** A model that expects READY within ~100 ms, matching FAST_TIMINGS, so tests do not wait out the 1.2–2.8 s prior. */
const fastModel = () => new ReadinessModel({ prior: [[50, 120]] });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const JWT = /^[\w-]+\.[\w-]+\.[\w-]+$/;

/** An anonymous visitor; the admin may also call unpublished custom avatars. */
const visitor: Caller = { client: 'lifecycle-test', admin: false };
const admin: Caller = { client: 'lifecycle-admin', admin: true };

/** startSession, with its ticket decoded as the follow-up routes decode the X-Session-Ticket header. */
async function createSession(avatarId: string, signal?: AbortSignal, caller: Caller = visitor) {
  const started = await startSession(avatarId, caller, signal);
  const request = new Request('http://x', { headers: { 'x-session-ticket': started.ticket } });
  return { ...started, decoded: await readTicket(request, started.sessionId) };
}

/** A ticket for a session this server never created, as if another instance had. */
const foreignTicket = (sid: string): SessionTicket => ({
  sid,
  avatarId: 'cat-character',
  createdAt: Date.now(),
  slot: crypto.randomUUID(),
});

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the promise to reject');
}

const statusOf = (fake: RunwayFake, id: string) => fake.emulator.control.sessions().find((session) => session.id === id)?.status;

/** What the browser does with the credentials: join the LiveKit room, which is what makes the session RUNNING. */
function join(fake: RunwayFake, { roomName }: { roomName: string }) {
  return joinRoom(fake.emulator.control, roomName)?.status;
}
const count = (fake: RunwayFake, pattern: RegExp) => fake.requests.filter((request) => pattern.test(request)).length;

trainSharedReadinessModel();

describe('startCall (create → wait → consume)', () => {
  const fake = useRunwayFake();
  useFreshLimits();

  it('returns LiveKit credentials with Runway’s url renamed to serverUrl, for a session that runs once joined', async () => {
    const credentials = (await startCall('cat-character', visitor, { model: fastModel() })).credentials;

    expect(credentials).toEqual({
      sessionId: expect.stringMatching(UUID),
      serverUrl: expect.stringMatching(/^ws:\/\/api\.runway\.test:\d+$/),
      token: expect.stringMatching(JWT),
      roomName: `emulated-${credentials.sessionId}`,
    });
    expect(credentials).not.toHaveProperty('url');
    expect(credentials).not.toHaveProperty('sessionKey');
    // Consumed, but nobody is in the room yet.
    expect(statusOf(fake, credentials.sessionId)).toBe('READY');
    expect(join(fake, credentials)).toBe('RUNNING');
    expect(statusOf(fake, credentials.sessionId)).toBe('RUNNING');

    const id = credentials.sessionId;
    expect(fake.requests[0]).toBe('POST /v1/realtime_sessions');
    expect(fake.requests.at(-1)).toBe(`POST /v1/realtime_sessions/${id}/consume`);
    expect(fake.requests.slice(1, -1).every((request) => request === `GET /v1/realtime_sessions/${id}`)).toBe(true);
    expect(count(fake, /^DELETE /)).toBe(0);
  });

  it('checks the status only a handful of times when the model knows how long sessions take', async () => {
    const { sessionId } = (await startCall('music-superstar', visitor, { model: fastModel() })).credentials;
    const statusChecks = count(fake, /^GET \/v1\/realtime_sessions\//);
    expect(statusChecks).toBeGreaterThanOrEqual(1);
    expect(statusChecks).toBeLessThan(10);
    expect(fake.emulator.control.session(sessionId)?.statusCalls).toBe(statusChecks);
  });

  it('learns from the sessions it watches', async () => {
    // Planned checks 100 ms apart, so the lag of a loaded machine (tens of ms) cannot hide what was learned.
    const model = new ReadinessModel({ prior: [[200, 1400]] });
    const before = model.checks();
    await startCall('influencer', visitor, { model });
    // READY came at ~100 ms, far earlier than the prior: the earliest planned check moves earlier.
    expect(model.checks()[0]).toBeLessThan(before[0]!);
  });

  it('times READY from the create’s answer, so a create that waited in line does not teach the model that Runway is slow', async () => {
    server.use(
      http.post(`${RUNWAY_TEST_URL}/v1/realtime_sessions`, async () => {
        // A loaded server: the create reaches Runway 400 ms after it was sent (then on to the emulator).
        await new Promise((resolve) => setTimeout(resolve, 400));
      }),
    );
    const model = fastModel();
    const record = vi.spyOn(model, 'record');
    await startCall('music-superstar', visitor, { model });
    expect(record).toHaveBeenCalledTimes(1);
    // READY came 80–120 ms after Runway saw the create; counted from the send, it would look like ≥ 480 ms.
    const [, readyBy] = record.mock.calls[0]!;
    expect(readyBy).toBeLessThan(400);
  });

  it('works with a custom avatar (the emulator’s demo avatar)', async () => {
    const credentials = (await startCall(DEMO_AVATAR_ID, visitor, { model: fastModel() })).credentials;
    expect(credentials.roomName).toBe(`emulated-${credentials.sessionId}`);
    expect(join(fake, credentials)).toBe('RUNNING');
  });

  it('sends the configured SESSION_MAX_DURATION_SECONDS as maxDuration', async () => {
    vi.stubEnv('SESSION_MAX_DURATION_SECONDS', '120');
    const bodies: unknown[] = [];
    server.use(
      http.post(`${RUNWAY_TEST_URL}/v1/realtime_sessions`, async ({ request }) => {
        bodies.push(await request.clone().json());
        // Returning nothing hands the request on to the emulator.
      }),
    );
    await startCall('tennis-coach', visitor, { model: fastModel() });
    expect(bodies).toEqual([{ model: 'gwm1_avatars', avatar: { type: 'runway-preset', presetId: 'tennis-coach' }, maxDuration: 120 }]);
  });

  it('maps an unknown custom avatar to not_found without creating a session', async () => {
    const error = await caught(startCall('00000000-0000-4000-8000-000000000000', visitor, { model: fastModel() }));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'not_found', message: 'Avatar not found.' });
    expect(fake.emulator.control.sessions()).toHaveLength(0);
  });

  it('throws session_failed for a FAILED session, with its failure code, and sends no cancel', async () => {
    fake.emulator.control.queueFaults(['fail']);
    const error = await caught(startCall('cooking-teacher', visitor, { model: fastModel() }));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'session_failed',
      status: 502,
      options: { details: [{ path: 'failureCode', message: 'INTERNAL' }] },
    });
    const [session] = fake.emulator.control.sessions();
    expect(session?.status).toBe('FAILED');
    expect(count(fake, /^DELETE /)).toBe(0);
    expect(count(fake, /\/consume$/)).toBe(0);
  });

  it('gives up at SESSION_READY_TIMEOUT_SECONDS with session_timeout, cancels the session, and frees its slot and minutes', async () => {
    vi.stubEnv('SESSION_READY_TIMEOUT_SECONDS', '5');
    vi.stubEnv('MAX_CONCURRENT_SESSIONS', '1');
    vi.stubEnv('SESSION_MAX_DURATION_SECONDS', '60');
    vi.stubEnv('DAILY_SESSION_MINUTES', '1');
    fake.emulator.control.queueFaults(['never-ready']);
    const started = Date.now();
    const error = await caught(startCall('game-character', visitor, { model: fastModel() }));
    const elapsed = Date.now() - started;

    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'session_timeout', status: 504 });
    expect(elapsed).toBeGreaterThanOrEqual(4900);
    expect(elapsed).toBeLessThan(8000);
    const [session] = fake.emulator.control.sessions();
    expect(session?.status).toBe('CANCELLED');
    expect(count(fake, /^DELETE /)).toBe(1);
    // Backing off past the plan keeps a 5 s wait to a modest number of checks.
    expect(count(fake, /^GET /)).toBeLessThanOrEqual(15);
    // With one slot and a one-minute budget, a new session is admitted only if both came back.
    await startSession('cat-character', visitor);
  });

  it('cancels the session when the caller aborts while waiting', async () => {
    fake.emulator.control.queueFaults(['never-ready']);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const error = await caught(startCall('human-resource', visitor, { model: fastModel(), signal: controller.signal }));
    expect(error).toBeInstanceOf(Error);
    const [session] = fake.emulator.control.sessions();
    expect(session?.status).toBe('CANCELLED');
    expect(count(fake, /^DELETE /)).toBe(1);
    expect(count(fake, /\/consume$/)).toBe(0);
  });

  it('still cancels the session when the caller aborts while create is in flight, and throws the abort reason', async () => {
    const controller = new AbortController();
    const reason = new Error('the visitor left');
    const pending = caught(startCall('human-resource', visitor, { model: fastModel(), signal: controller.signal }));
    controller.abort(reason);
    expect(await pending).toBe(reason);

    // The create went through (it is never aborted), so the session exists, and it was cancelled at once.
    const sessions = fake.emulator.control.sessions();
    expect(sessions).toHaveLength(1);
    expect(sessions[0]?.status).toBe('CANCELLED');
    expect(fake.requests).toEqual(['POST /v1/realtime_sessions', `DELETE /v1/realtime_sessions/${sessions[0]!.id}`]);
  });

  it.each([
    ['http-500', 'upstream_unavailable', 503],
    ['http-429', 'rate_limited', 429],
    ['http-401', 'upstream_unauthorized', 502],
  ] as const)('never retries create: with %s exactly one create request is sent', async (fault, code, status) => {
    fake.emulator.control.queueFaults([fault]);
    const error = await caught(startCall('cat-character', visitor, { model: fastModel() }));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code, status });
    expect(fake.requests).toEqual(['POST /v1/realtime_sessions']);
  });

  it('passes Runway’s Retry-After on to the rate-limit error', async () => {
    fake.emulator.control.queueFaults(['http-429']);
    const error = await caught(startCall('cat-character', visitor, { model: fastModel() }));
    expect(error).toMatchObject({ code: 'rate_limited', options: { retryAfterSeconds: 30 } });
    expect((error as AppError).message).toContain('30 s');
  });
});

describe('startSession, waitForProgress, consumeSession, cancelSession (the progress-aware flow)', () => {
  // Slower than FAST_TIMINGS so that "queued" and "starting" are reliably observable, with a model to match.
  const fake = useRunwayFake({ queuedMs: 150, readyMs: { min: 300, max: 300 } });
  useFreshLimits();
  const model = () => new ReadinessModel({ prior: [[160, 400]] });

  async function waitUntilReady(ticket: SessionTicket) {
    let progress = await waitForProgress(ticket, undefined, { model: model() });
    for (let i = 0; i < 10 && progress.phase !== 'ready'; i += 1) {
      progress = await waitForProgress(ticket, progress.phase, { model: model() });
    }
    expect(progress.phase).toBe('ready');
  }

  it('creates a session and answers at once with its id, creation time, duration cap and ticket', async () => {
    const before = Date.now();
    const started = await startSession('fashion-designer', visitor);
    expect(started).toEqual({
      sessionId: expect.stringMatching(UUID),
      createdAt: expect.any(String),
      maxDurationSeconds: 300,
      ticket: expect.any(String),
    });
    expect(Date.parse(started.createdAt)).toBeGreaterThanOrEqual(before);
    expect(fake.requests).toEqual(['POST /v1/realtime_sessions']);
    expect(statusOf(fake, started.sessionId)).toBe('NOT_READY');
  });

  it('cancels the new session and throws the abort reason when the caller aborted while create was in flight', async () => {
    const controller = new AbortController();
    const pending = caught(createSession('fashion-designer', controller.signal));
    controller.abort();
    const error = await pending;
    expect(error).toBe(controller.signal.reason);
    expect(error).toMatchObject({ name: 'AbortError' });

    const [session] = fake.emulator.control.sessions();
    expect(session?.status).toBe('CANCELLED');
    expect(fake.requests).toEqual(['POST /v1/realtime_sessions', `DELETE /v1/realtime_sessions/${session!.id}`]);
  });

  it('ignores a signal that was not aborted', async () => {
    const { sessionId } = await createSession('fashion-designer', new AbortController().signal);
    expect(statusOf(fake, sessionId)).toBe('NOT_READY');
    expect(count(fake, /^DELETE /)).toBe(0);
  });

  it('reports "queued" on the first check, then later phases, and never exposes the session key', async () => {
    const { sessionId, decoded } = await createSession('cat-character');
    const first = await waitForProgress(decoded, undefined, { model: model() });
    expect(first).toEqual({ sessionId, phase: 'queued' });

    const second = await waitForProgress(decoded, 'queued', { model: model() });
    expect(['starting', 'ready']).toContain(second.phase);

    const phases = [first.phase, second.phase];
    let progress = second;
    while (progress.phase !== 'ready' && phases.length < 10) {
      progress = await waitForProgress(decoded, progress.phase, { model: model() });
      phases.push(progress.phase);
    }
    expect(phases.at(-1)).toBe('ready');
    expect(new Set(phases).size).toBe(phases.length);
    expect(JSON.stringify(progress)).not.toContain('stk_');
  });

  it('answers at the first check when the caller knows nothing yet, even if the session is still pending', async () => {
    const { decoded } = await createSession('cat-character');
    const started = Date.now();
    await waitForProgress(decoded, undefined, { model: model() });
    expect(Date.now() - started).toBeLessThan(200);
    expect(count(fake, /^GET /)).toBe(1);
  });

  it('describes a failed session with a message a visitor can act on', async () => {
    fake.emulator.control.queueFaults(['fail']);
    const { sessionId, decoded } = await createSession('cat-character');
    let progress = await waitForProgress(decoded, undefined, { model: model() });
    for (let i = 0; i < 10 && progress.phase !== 'failed'; i += 1) {
      progress = await waitForProgress(decoded, progress.phase, { model: model() });
    }
    expect(progress).toEqual({
      sessionId,
      phase: 'failed',
      failure: { code: 'INTERNAL', message: 'The avatar could not start. Please try again.' },
    });
  });

  it('throws not_found for a session Runway does not know', async () => {
    const error = await caught(waitForProgress(foreignTicket('00000000-0000-4000-8000-000000000000'), undefined, { model: model() }));
    expect(error).toMatchObject({ code: 'not_found', message: 'Session not found.' });
  });

  it('consumes straight away when its own long poll has just seen READY: no further status check', async () => {
    const { sessionId, decoded } = await createSession('cat-character');
    await waitUntilReady(decoded);
    const checks = count(fake, /^GET \/v1\/realtime_sessions\//);
    const credentials = (await consumeSession(decoded)).credentials;
    expect(credentials.sessionId).toBe(sessionId);
    expect(count(fake, /^GET \/v1\/realtime_sessions\//)).toBe(checks);
    expect(count(fake, /\/consume$/)).toBe(1);
  });

  it('consumes a READY session once; a second consume is a conflict', async () => {
    const { sessionId, decoded } = await createSession('cat-character');
    await waitUntilReady(decoded);

    const credentials = (await consumeSession(decoded)).credentials;
    expect(credentials).toEqual({
      sessionId,
      serverUrl: expect.stringMatching(/^ws:\/\/api\.runway\.test:\d+$/),
      token: expect.any(String),
      roomName: `emulated-${sessionId}`,
    });
    expect(statusOf(fake, sessionId)).toBe('READY');

    // Still READY until someone joins, so only Runway knows the credentials are gone: it refuses the second consume.
    const error = await caught(consumeSession(decoded));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'conflict',
      status: 409,
      message: 'Runway refused: Session credentials have already been consumed',
    });
    expect(count(fake, /\/consume$/)).toBe(2);

    // Once the call runs, the app refuses by itself.
    expect(join(fake, credentials)).toBe('RUNNING');
    const later = await caught(consumeSession(decoded));
    expect(later).toMatchObject({ code: 'conflict', status: 409, message: 'The session is already running. Start a new call.' });
    expect(count(fake, /\/consume$/)).toBe(2);
  });

  it('consume waits for a just-created session to become READY', async () => {
    const { sessionId, decoded } = await createSession('cat-character');
    expect(statusOf(fake, sessionId)).toBe('NOT_READY');
    const credentials = (await consumeSession(decoded)).credentials;
    expect(credentials.sessionId).toBe(sessionId);
    expect(count(fake, /\/consume$/)).toBe(1);
    expect(join(fake, credentials)).toBe('RUNNING');
  });

  it('reports "ready" for a consumed session until the participant joins, then "running"', async () => {
    const { sessionId, decoded } = await createSession('cat-character');
    await waitUntilReady(decoded);
    const credentials = (await consumeSession(decoded)).credentials;
    expect(await waitForProgress(decoded, undefined, { model: model() })).toEqual({ sessionId, phase: 'ready' });
    expect(join(fake, credentials)).toBe('RUNNING');
    expect(await waitForProgress(decoded, 'ready', { model: model() })).toEqual({ sessionId, phase: 'running' });
  });

  it('reports a completed call with its duration', async () => {
    const { sessionId, decoded } = await createSession('cat-character');
    await waitUntilReady(decoded);
    const credentials = (await consumeSession(decoded)).credentials;
    expect(join(fake, credentials)).toBe('RUNNING');
    expect(endCall(fake.emulator.control, credentials.roomName)?.status).toBe('COMPLETED');
    expect(await waitForProgress(decoded, 'running', { model: model() })).toEqual({
      sessionId,
      phase: 'completed',
      durationSeconds: 0,
    });
  });

  it('cancels a pending session', async () => {
    const { sessionId, decoded } = await createSession('cat-character');
    await cancelSession(decoded);
    expect(statusOf(fake, sessionId)).toBe('CANCELLED');
    expect(fake.requests.at(-1)).toBe(`DELETE /v1/realtime_sessions/${sessionId}`);
    const progress = await waitForProgress(decoded, 'queued', { model: model() });
    expect(progress.phase).toBe('cancelled');
  });

  it('refuses to consume a cancelled session', async () => {
    const { decoded } = await createSession('cat-character');
    await cancelSession(decoded);
    const error = await caught(consumeSession(decoded));
    expect(error).toMatchObject({ code: 'conflict', message: 'The session is already cancelled. Start a new call.' });
    expect(count(fake, /\/consume$/)).toBe(0);
  });
});

describe('the session ticket', () => {
  useRunwayFake();
  useFreshLimits();

  it('names the session, its avatar, its creation time on this server and the slot it holds', async () => {
    const started = await createSession('cat-character');
    expect(started.decoded).toEqual({
      sid: started.sessionId,
      avatarId: 'cat-character',
      createdAt: Date.parse(started.createdAt),
      slot: expect.stringMatching(/^day:\d{4}-\d{2}-\d{2}:[0-9a-f-]{36}$/),
    });
  });

  it('is refused for any other session id', async () => {
    const started = await createSession('cat-character');
    const request = new Request('http://x', { headers: { 'x-session-ticket': started.ticket } });
    const error = await caught(Promise.resolve().then(() => readTicket(request, '00000000-0000-4000-8000-000000000000')));
    expect(error).toMatchObject({ code: 'forbidden', status: 403 });
  });
});

describe('who may call a custom avatar', () => {
  const fake = useRunwayFake();
  useFreshLimits();
  const OTHER_AVATAR = '11111111-2222-4333-8444-555555555555';

  it('refuses a visitor an unlisted custom avatar with not_found, before Runway or the limits are asked', async () => {
    vi.stubEnv('PUBLIC_AVATAR_IDS', OTHER_AVATAR);
    vi.stubEnv('RATE_LIMIT_SESSIONS_PER_MINUTE', '1');
    expect(await caught(startSession(DEMO_AVATAR_ID, visitor))).toMatchObject({ code: 'not_found', message: 'Avatar not found.' });
    expect(await caught(startCall(DEMO_AVATAR_ID, visitor, { model: fastModel() }))).toMatchObject({ code: 'not_found' });
    expect(fake.requests).toEqual([]);
    // The refusals used none of the visitor's one session a minute.
    await startSession('cat-character', visitor);
  });

  it('lets the admin call it, and visitors once it is listed', async () => {
    vi.stubEnv('PUBLIC_AVATAR_IDS', OTHER_AVATAR);
    await startSession(DEMO_AVATAR_ID, admin);
    vi.stubEnv('PUBLIC_AVATAR_IDS', `${OTHER_AVATAR}, ${DEMO_AVATAR_ID}`);
    await startSession(DEMO_AVATAR_ID, visitor);
    expect(fake.emulator.control.sessions()).toHaveLength(2);
  });
});

/** What the browser does with a session after create: wait, join the call, hang up (here: cancel it while it runs). */
async function runAndHangUp(fake: RunwayFake, ticket: SessionTicket) {
  const credentials = (await consumeSession(ticket)).credentials;
  expect(join(fake, credentials)).toBe('RUNNING');
  await cancelSession(ticket);
  expect(statusOf(fake, ticket.sid)).toBe('CANCELLED');
}

async function untilPhase(ticket: SessionTicket, phase: string) {
  let progress = await waitForProgress(ticket, undefined, { model: fastModel() });
  for (let i = 0; i < 10 && progress.phase !== phase; i += 1)
    progress = await waitForProgress(ticket, progress.phase, { model: fastModel() });
  expect(progress.phase).toBe(phase);
}

const someoneElse: Caller = { client: 'someone-else', admin: false };

describe('a session holds one of MAX_CONCURRENT_SESSIONS slots until it ends', () => {
  const fake = useRunwayFake();
  useFreshLimits({ ...GENEROUS_LIMITS, MAX_CONCURRENT_SESSIONS: '1' });

  async function expectBusy() {
    const error = await caught(startSession('influencer', someoneElse));
    expect(error).toMatchObject({ code: 'rate_limited', message: expect.stringMatching(/^All avatars are busy\. Try again in \d+ s\.$/) });
    expect((error as AppError).options.retryAfterSeconds).toBeGreaterThan(0);
  }

  it('holds it while the session is pending, for every client and the admin too, refusing before Runway is asked', async () => {
    await createSession('cat-character');
    await expectBusy();
    expect(await caught(startSession('influencer', admin))).toMatchObject({ code: 'rate_limited' });
    expect(await caught(startCall('influencer', visitor, { model: fastModel() }))).toMatchObject({ code: 'rate_limited' });
    expect(fake.requests).toEqual(['POST /v1/realtime_sessions']);
  });

  it('frees it when a pending session is cancelled', async () => {
    const first = await createSession('cat-character');
    await cancelSession(first.decoded);
    await createSession('cat-character');
    await expectBusy();
  });

  it('holds it through the handed-over and running call, and frees it when the call is hung up', async () => {
    const first = await createSession('cat-character');
    const credentials = (await consumeSession(first.decoded)).credentials;
    await expectBusy();
    expect(join(fake, credentials)).toBe('RUNNING');
    await expectBusy();
    await cancelSession(first.decoded);
    await createSession('cat-character');
  });

  it('frees it once the status route sees the call completed', async () => {
    const first = await createSession('cat-character');
    const credentials = (await consumeSession(first.decoded)).credentials;
    expect(join(fake, credentials)).toBe('RUNNING');
    endCall(fake.emulator.control, credentials.roomName);
    await expectBusy();
    await untilPhase(first.decoded, 'completed');
    await createSession('cat-character');
  });

  it('frees it once the status route sees the session failed', async () => {
    fake.emulator.control.queueFaults(['fail']);
    const first = await createSession('cat-character');
    await expectBusy();
    await untilPhase(first.decoded, 'failed');
    await createSession('cat-character');
  });

  it('frees it when Runway refuses the create', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    fake.emulator.control.queueFaults(['http-500']);
    expect(await caught(startSession('cat-character', visitor))).toMatchObject({ code: 'upstream_unavailable' });
    await createSession('cat-character');
  });

  it('frees it when the caller left while create was in flight', async () => {
    const controller = new AbortController();
    const pending = caught(startSession('cat-character', visitor, controller.signal));
    controller.abort();
    expect(await pending).toMatchObject({ name: 'AbortError' });
    await createSession('cat-character');
  });

  it('in the one-shot flow, frees it when the session failed, and holds it for a call whose credentials were handed over', async () => {
    fake.emulator.control.queueFaults(['fail']);
    expect(await caught(startCall('cat-character', visitor, { model: fastModel() }))).toMatchObject({ code: 'session_failed' });
    await startCall('cat-character', visitor, { model: fastModel() });
    await expectBusy();
  });

  it('in the one-shot flow, frees it when the caller leaves while waiting', async () => {
    fake.emulator.control.queueFaults(['never-ready']);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    expect(await caught(startCall('cat-character', visitor, { model: fastModel(), signal: controller.signal }))).toBeInstanceOf(Error);
    await createSession('cat-character');
  });
});

describe('a session reserves its maxDuration from DAILY_SESSION_MINUTES, and gives back what it did not use', () => {
  // A one-minute budget and one-minute sessions: each admission shows whether the last session's minute came back.
  // reclaim.test.ts charges longer calls by their length.
  const fake = useRunwayFake();
  useFreshLimits({ ...GENEROUS_LIMITS, SESSION_MAX_DURATION_SECONDS: '60', DAILY_SESSION_MINUTES: '1' });

  /** Used up for today, or (`held`) held by a session in flight that may still give some back. */
  async function expectBudgetUsedUp({ held = false } = {}) {
    const error = await caught(startSession('influencer', someoneElse));
    const message = held
      ? /^Today’s call minutes are held by calls in progress\. Try again in \d+ s\.$/
      : /^Today’s call budget is used up\. Please come back tomorrow\.$/;
    expect(error).toMatchObject({ code: 'rate_limited', message: expect.stringMatching(message) });
    expect((error as AppError).options.retryAfterSeconds).toBeGreaterThan(0);
    expect((error as AppError).options.retryAfterSeconds).toBeLessThanOrEqual(86_400);
  }

  it('is shared by every client, and refuses before Runway is asked, saying when the session in flight may give it back', async () => {
    await createSession('cat-character');
    // Not READY yet: the server looks at it 5 s after create (registry.ts), the earliest it could come back.
    const error = await caught(startSession('influencer', someoneElse));
    expect(error).toMatchObject({ code: 'rate_limited', message: 'Today’s call minutes are held by calls in progress. Try again in 5 s.' });
    expect(await caught(startSession('influencer', admin))).toMatchObject({ code: 'rate_limited' });
    expect(fake.requests).toEqual(['POST /v1/realtime_sessions']);
  });

  it('refunds a session cancelled while pending', async () => {
    await cancelSession((await createSession('cat-character')).decoded);
    await createSession('cat-character');
  });

  it('refunds a session consumed but never joined, then cancelled', async () => {
    const first = await createSession('cat-character');
    await consumeSession(first.decoded);
    await cancelSession(first.decoded);
    await createSession('cat-character');
  });

  it('keeps the minute of a call that ran and was hung up: at least a minute for any call that ran', async () => {
    await runAndHangUp(fake, (await createSession('cat-character')).decoded);
    await expectBudgetUsedUp();
  });

  it('keeps the minute of a call that completed', async () => {
    vi.stubEnv('DAILY_SESSION_MINUTES', '2');
    const first = await createSession('cat-character');
    const credentials = (await consumeSession(first.decoded)).credentials;
    expect(join(fake, credentials)).toBe('RUNNING');
    endCall(fake.emulator.control, credentials.roomName);
    await untilPhase(first.decoded, 'completed');
    await createSession('cat-character');
    await expectBudgetUsedUp({ held: true });
  });

  it('refunds a session that failed', async () => {
    fake.emulator.control.queueFaults(['fail']);
    await untilPhase((await createSession('cat-character')).decoded, 'failed');
    await createSession('cat-character');
  });

  it('refunds a create Runway refused', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    fake.emulator.control.queueFaults(['http-429']);
    expect(await caught(startSession('cat-character', visitor))).toMatchObject({ code: 'rate_limited' });
    await createSession('cat-character');
  });

  it('refunds a session whose caller left while create was in flight', async () => {
    const controller = new AbortController();
    const pending = caught(startSession('cat-character', visitor, controller.signal));
    controller.abort();
    await pending;
    await createSession('cat-character');
  });

  it('refunds once, however many clean-up paths see the session end', async () => {
    const first = await createSession('cat-character');
    await cancelSession(first.decoded);
    // The status route then sees it cancelled, and a second cancel finds it ended: neither gives more back.
    await untilPhase(first.decoded, 'cancelled');
    expect(await caught(cancelSession(first.decoded))).toMatchObject({ code: 'conflict' });
    await createSession('cat-character');
    await expectBudgetUsedUp({ held: true });
  });

  it('counts ceil(SESSION_MAX_DURATION_SECONDS / 60) minutes per session', async () => {
    vi.stubEnv('SESSION_MAX_DURATION_SECONDS', '61');
    vi.stubEnv('DAILY_SESSION_MINUTES', '3');
    await createSession('cat-character');
    await expectBudgetUsedUp({ held: true });
  });
});

describe('the schedule runs on this server’s clock, not Runway’s', () => {
  // Runway reports createdAt on its own clock; here it is ten minutes off ours, either way.
  let skewMs = 0;
  const fake = useRunwayFake({ now: () => Date.now() + skewMs });
  useFreshLimits();

  it.each([
    ['behind', -600_000],
    ['ahead', 600_000],
  ])('startCall waits for READY and consumes when Runway’s clock is ten minutes %s', async (_name, skew) => {
    skewMs = skew;
    const started = Date.now();
    const credentials = (await startCall('cat-character', visitor, { model: fastModel() })).credentials;
    expect(Date.now() - started).toBeLessThan(2000);
    expect(credentials.roomName).toBe(`emulated-${credentials.sessionId}`);
    expect(count(fake, /^DELETE /)).toBe(0);
    expect(count(fake, /^GET /)).toBeLessThan(10);
  });

  it.each([
    ['behind', -600_000],
    ['ahead', 600_000],
  ])('the progress-aware flow reaches READY when Runway’s clock is ten minutes %s', async (_name, skew) => {
    skewMs = skew;
    const { sessionId, createdAt, decoded } = await createSession('cat-character');
    expect(Math.abs(Date.parse(createdAt) - Date.now())).toBeLessThan(1000);
    let progress = await waitForProgress(decoded, undefined, { model: fastModel() });
    for (let i = 0; i < 10 && progress.phase !== 'ready'; i += 1) {
      progress = await waitForProgress(decoded, progress.phase, { model: fastModel() });
    }
    expect(progress).toEqual({ sessionId, phase: 'ready' });
    expect(count(fake, /^DELETE /)).toBe(0);
  });
});

/**
 * Runway's docs do not say whether DELETE on an ended session is a 400 (the emulator's default) or a no-op,
 * nor whether a READY session may be cancelled. The app is right under both rule sets.
 */
describe.each(['default', 'alternate'] as const)('cancel under the emulator’s %s cancel rules', (cancelRules) => {
  const fake = useRunwayFake({ cancelRules });
  useFreshLimits({ ...GENEROUS_LIMITS, MAX_CONCURRENT_SESSIONS: '1' });
  const deletes = () => count(fake, /^DELETE /);

  it('a READY session is cancelled, or, when Runway refuses, keeps its slot until its consume window passes (reclaim.test.ts)', async () => {
    const { decoded } = await createSession('cat-character');
    await untilPhase(decoded, 'ready');
    await cancelSession(decoded);
    expect(deletes()).toBe(1);
    if (cancelRules === 'default') {
      expect(statusOf(fake, decoded.sid)).toBe('CANCELLED');
      await createSession('influencer');
    } else {
      // Refused with a 409 that the SDK was not allowed to retry; the session is still live and counted.
      expect(statusOf(fake, decoded.sid)).toBe('READY');
      expect(await caught(startSession('influencer', someoneElse))).toMatchObject({ code: 'rate_limited' });
    }
  });

  it('an ended session is a conflict, and its slot is free, without asking Runway to cancel it', async () => {
    const first = await createSession('cat-character');
    const credentials = (await consumeSession(first.decoded)).credentials;
    join(fake, credentials);
    endCall(fake.emulator.control, credentials.roomName);
    expect(await caught(cancelSession(first.decoded))).toMatchObject({ code: 'conflict', message: 'The session has already ended.' });
    expect(deletes()).toBe(0);
    await createSession('influencer');
  });

  it('a session cancelled elsewhere between the status check and our DELETE: ended (400), or done (204)', async () => {
    const { decoded } = await createSession('cat-character');
    // The status check sees it pending; the session is cancelled elsewhere before our DELETE lands.
    server.use(
      http.delete(`${RUNWAY_TEST_URL}/v1/realtime_sessions/:id`, async ({ request }) => {
        await fake.emulator.handle(request.clone());
        return fake.emulator.handle(request);
      }),
    );
    const result = cancelSession(decoded);
    if (cancelRules === 'default')
      expect(await caught(result)).toMatchObject({ code: 'conflict', message: 'The session has already ended.' });
    else await result;
    expect(statusOf(fake, decoded.sid)).toBe('CANCELLED');
  });
});

describe('transient faults on the status poll', () => {
  const fake = useRunwayFake();
  useFreshLimits();
  const polls = () => count(fake, /^GET \/v1\/realtime_sessions\//);

  it.each(['get-429', 'get-500', 'get-503'] as const)('absorbs one %s on a poll: the call still starts', async (fault) => {
    fake.emulator.control.queueFaults([fault]);
    const credentials = (await startCall('cat-character', visitor, { model: fastModel() })).credentials;
    expect(credentials.serverUrl).toMatch(/^ws:\/\/api\.runway\.test:\d+$/);
    // The faulted poll and at least its retry reached Runway; nothing was cancelled.
    expect(polls()).toBeGreaterThanOrEqual(2);
    expect(count(fake, /^DELETE /)).toBe(0);
  });

  it('caps a Retry-After longer than the READY deadline: the poll never sleeps past it', { timeout: 15_000 }, async () => {
    vi.stubEnv('SESSION_READY_TIMEOUT_SECONDS', '5');
    let refused = 0;
    server.use(
      http.get(`${RUNWAY_TEST_URL}/v1/realtime_sessions/:id`, async ({ request }) => {
        fake.requests.push(`GET ${new URL(request.url).pathname}`);
        if (refused++ === 0) return Response.json({ error: 'Too many requests' }, { status: 429, headers: { 'retry-after': '3600' } });
        return fake.emulator.handle(request);
      }),
    );
    const started = Date.now();
    const credentials = (await startCall('cat-character', visitor, { model: fastModel() })).credentials;
    const elapsed = Date.now() - started;
    expect(credentials.roomName).toMatch(/^emulated-/);
    // An hour was asked for; the poll waited out what was left of the 5 s budget, then found it READY.
    expect(elapsed).toBeGreaterThan(4000);
    expect(elapsed).toBeLessThan(6500);
    expect(refused).toBe(2);
  });
});
