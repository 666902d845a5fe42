import { http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { AppError } from '@/lib/errors';
import { DEMO_AVATAR_ID } from '@/lib/server/runway/emulator';
import {
  cancelSession,
  consumeSession,
  createSession,
  startCall,
  waitForProgress,
} from '@/lib/server/sessions/lifecycle';
import { ReadinessModel } from '@/lib/server/sessions/readiness-model';
import { RUNWAY_TEST_URL, useRunwayFake, type RunwayFake } from '@/tests/msw/runway';
import { server } from '@/tests/msw/server';

/** A model that expects READY within ~100 ms, matching FAST_TIMINGS, so tests do not wait out the 1.2–2.8 s prior. */
const fastModel = () => new ReadinessModel({ prior: [[50, 120]] });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

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
function join(fake: RunwayFake, { roomName, token }: { roomName: string; token: string }) {
  return fake.emulator.control.joinRoom(roomName, token)?.status;
}
const count = (fake: RunwayFake, pattern: RegExp) => fake.requests.filter((request) => pattern.test(request)).length;

describe('startCall (create → wait → consume)', () => {
  const fake = useRunwayFake();

  it('returns LiveKit credentials with Runway’s url renamed to serverUrl, for a session that runs once joined', async () => {
    const credentials = await startCall('cat-character', { model: fastModel() });

    expect(credentials).toEqual({
      sessionId: expect.stringMatching(UUID),
      serverUrl: 'wss://livekit.test.invalid',
      token: expect.stringMatching(/^emulated\./),
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
    const { sessionId } = await startCall('music-superstar', { model: fastModel() });
    const statusChecks = count(fake, /^GET \/v1\/realtime_sessions\//);
    expect(statusChecks).toBeGreaterThanOrEqual(1);
    expect(statusChecks).toBeLessThan(10);
    expect(fake.emulator.control.session(sessionId)?.statusCalls).toBe(statusChecks);
  });

  it('learns from the sessions it watches', async () => {
    const model = new ReadinessModel({ prior: [[400, 550]] });
    const before = model.plan();
    await startCall('influencer', { model });
    // READY came at ~100 ms, far earlier than the prior: the earliest planned check moves earlier.
    expect(model.plan()[0]).toBeLessThan(before[0]!);
  });

  it('works with a custom avatar (the emulator’s demo avatar)', async () => {
    const credentials = await startCall(DEMO_AVATAR_ID, { model: fastModel() });
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
    await startCall('tennis-coach', { model: fastModel() });
    expect(bodies).toEqual([{ model: 'gwm1_avatars', avatar: { type: 'runway-preset', presetId: 'tennis-coach' }, maxDuration: 120 }]);
  });

  it('maps an unknown custom avatar to not_found without creating a session', async () => {
    const error = await caught(startCall('00000000-0000-4000-8000-000000000000', { model: fastModel() }));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'not_found', message: 'Avatar not found.' });
    expect(fake.emulator.control.sessions()).toHaveLength(0);
  });

  it('throws session_failed for a FAILED session, with its failure code, and sends no cancel', async () => {
    fake.emulator.control.queueFaults(['fail']);
    const error = await caught(startCall('cooking-teacher', { model: fastModel() }));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'session_failed', status: 502, options: { details: [{ path: 'failureCode', message: 'INTERNAL' }] } });
    const [session] = fake.emulator.control.sessions();
    expect(session?.status).toBe('FAILED');
    expect(count(fake, /^DELETE /)).toBe(0);
    expect(count(fake, /\/consume$/)).toBe(0);
  });

  it('gives up at SESSION_READY_TIMEOUT_SECONDS with session_timeout and cancels the session', async () => {
    vi.stubEnv('SESSION_READY_TIMEOUT_SECONDS', '5');
    fake.emulator.control.queueFaults(['never-ready']);
    const started = Date.now();
    const error = await caught(startCall('game-character', { model: fastModel() }));
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
  });

  it('cancels the session when the caller aborts while waiting', async () => {
    fake.emulator.control.queueFaults(['never-ready']);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const error = await caught(startCall('human-resource', { model: fastModel(), signal: controller.signal }));
    expect(error).toBeInstanceOf(Error);
    const [session] = fake.emulator.control.sessions();
    expect(session?.status).toBe('CANCELLED');
    expect(count(fake, /^DELETE /)).toBe(1);
    expect(count(fake, /\/consume$/)).toBe(0);
  });

  it('still cancels the session when the caller aborts while create is in flight, and throws the abort reason', async () => {
    const controller = new AbortController();
    const reason = new Error('the visitor left');
    const pending = caught(startCall('human-resource', { model: fastModel(), signal: controller.signal }));
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
    const error = await caught(startCall('cat-character', { model: fastModel() }));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code, status });
    expect(fake.requests).toEqual(['POST /v1/realtime_sessions']);
  });

  it('passes Runway’s Retry-After on to the rate-limit error', async () => {
    fake.emulator.control.queueFaults(['http-429']);
    const error = await caught(startCall('cat-character', { model: fastModel() }));
    expect(error).toMatchObject({ code: 'rate_limited', options: { retryAfterSeconds: 30 } });
    expect((error as AppError).message).toContain('30 s');
  });
});

describe('createSession, waitForProgress, consumeSession, cancelSession (the progress-aware flow)', () => {
  // Slower than FAST_TIMINGS so that "queued" and "starting" are reliably observable, with a model to match.
  const fake = useRunwayFake({ queuedMs: 150, readyMs: { min: 300, max: 300 } });
  const model = () => new ReadinessModel({ prior: [[160, 400]] });

  async function waitUntilReady(sessionId: string) {
    let progress = await waitForProgress(sessionId, undefined, { model: model() });
    for (let i = 0; i < 10 && progress.phase !== 'ready'; i += 1) {
      progress = await waitForProgress(sessionId, progress.phase, { model: model() });
    }
    expect(progress.phase).toBe('ready');
  }

  it('creates a session and answers at once with its id, creation time and duration cap', async () => {
    const before = Date.now();
    const started = await createSession('fashion-designer');
    expect(started).toEqual({ sessionId: expect.stringMatching(UUID), createdAt: expect.any(String), maxDurationSeconds: 300 });
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
    const { sessionId } = await createSession('cat-character');
    const first = await waitForProgress(sessionId, undefined, { model: model() });
    expect(first).toEqual({ sessionId, phase: 'queued' });

    const second = await waitForProgress(sessionId, 'queued', { model: model() });
    expect(['starting', 'ready']).toContain(second.phase);

    const phases = [first.phase, second.phase];
    let progress = second;
    while (progress.phase !== 'ready' && phases.length < 10) {
      progress = await waitForProgress(sessionId, progress.phase, { model: model() });
      phases.push(progress.phase);
    }
    expect(phases.at(-1)).toBe('ready');
    expect(new Set(phases).size).toBe(phases.length);
    expect(JSON.stringify(progress)).not.toContain('stk_');
  });

  it('answers at the first check when the caller knows nothing yet, even if the session is still pending', async () => {
    const { sessionId } = await createSession('cat-character');
    const started = Date.now();
    await waitForProgress(sessionId, undefined, { model: model() });
    expect(Date.now() - started).toBeLessThan(200);
    expect(count(fake, /^GET /)).toBe(1);
  });

  it('describes a failed session with a message a visitor can act on', async () => {
    fake.emulator.control.queueFaults(['fail']);
    const { sessionId } = await createSession('cat-character');
    let progress = await waitForProgress(sessionId, undefined, { model: model() });
    for (let i = 0; i < 10 && progress.phase !== 'failed'; i += 1) {
      progress = await waitForProgress(sessionId, progress.phase, { model: model() });
    }
    expect(progress).toEqual({
      sessionId,
      phase: 'failed',
      failure: { code: 'INTERNAL', message: 'The avatar could not start. Please try again.' },
    });
  });

  it('throws not_found for a session Runway does not know', async () => {
    const error = await caught(waitForProgress('00000000-0000-4000-8000-000000000000', undefined, { model: model() }));
    expect(error).toMatchObject({ code: 'not_found', message: 'Session not found.' });
  });

  it('consumes a READY session once; a second consume is a conflict', async () => {
    const { sessionId } = await createSession('cat-character');
    await waitUntilReady(sessionId);

    const credentials = await consumeSession(sessionId);
    expect(credentials).toEqual({
      sessionId,
      serverUrl: 'wss://livekit.test.invalid',
      token: expect.any(String),
      roomName: `emulated-${sessionId}`,
    });
    expect(statusOf(fake, sessionId)).toBe('READY');

    // Still READY until someone joins, so only Runway knows the credentials are gone: it refuses the second consume.
    const error = await caught(consumeSession(sessionId));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'conflict', status: 409, message: 'Runway refused: Session credentials have already been consumed' });
    expect(count(fake, /\/consume$/)).toBe(2);

    // Once the call runs, the app refuses by itself.
    expect(join(fake, credentials)).toBe('RUNNING');
    const later = await caught(consumeSession(sessionId));
    expect(later).toMatchObject({ code: 'conflict', status: 409, message: 'The session is already running. Start a new call.' });
    expect(count(fake, /\/consume$/)).toBe(2);
  });

  it('consume waits for a just-created session to become READY', async () => {
    const { sessionId } = await createSession('cat-character');
    expect(statusOf(fake, sessionId)).toBe('NOT_READY');
    const credentials = await consumeSession(sessionId);
    expect(credentials.sessionId).toBe(sessionId);
    expect(count(fake, /\/consume$/)).toBe(1);
    expect(join(fake, credentials)).toBe('RUNNING');
  });

  it('reports "ready" for a consumed session until the participant joins, then "running"', async () => {
    const { sessionId } = await createSession('cat-character');
    await waitUntilReady(sessionId);
    const credentials = await consumeSession(sessionId);
    expect(await waitForProgress(sessionId, undefined, { model: model() })).toEqual({ sessionId, phase: 'ready' });
    expect(join(fake, credentials)).toBe('RUNNING');
    expect(await waitForProgress(sessionId, 'ready', { model: model() })).toEqual({ sessionId, phase: 'running' });
  });

  it('reports a completed call with its duration', async () => {
    const { sessionId } = await createSession('cat-character');
    await waitUntilReady(sessionId);
    const credentials = await consumeSession(sessionId);
    expect(join(fake, credentials)).toBe('RUNNING');
    expect(fake.emulator.control.endCall(credentials.roomName, credentials.token)?.status).toBe('COMPLETED');
    expect(await waitForProgress(sessionId, 'running', { model: model() })).toEqual({
      sessionId,
      phase: 'completed',
      durationSeconds: 0,
    });
  });

  it('cancels a pending session', async () => {
    const { sessionId } = await createSession('cat-character');
    await cancelSession(sessionId);
    expect(statusOf(fake, sessionId)).toBe('CANCELLED');
    expect(fake.requests.at(-1)).toBe(`DELETE /v1/realtime_sessions/${sessionId}`);
    const progress = await waitForProgress(sessionId, 'queued', { model: model() });
    expect(progress.phase).toBe('cancelled');
  });

  it('refuses to consume a cancelled session', async () => {
    const { sessionId } = await createSession('cat-character');
    await cancelSession(sessionId);
    const error = await caught(consumeSession(sessionId));
    expect(error).toMatchObject({ code: 'conflict', message: 'The session is already cancelled. Start a new call.' });
    expect(count(fake, /\/consume$/)).toBe(0);
  });
});

describe('the schedule runs on this server’s clock, not Runway’s', () => {
  // Runway reports createdAt on its own clock; here it is ten minutes off ours, either way.
  let skewMs = 0;
  const fake = useRunwayFake({ now: () => Date.now() + skewMs });

  it.each([
    ['behind', -600_000],
    ['ahead', 600_000],
  ])('startCall waits for READY and consumes when Runway’s clock is ten minutes %s', async (_name, skew) => {
    skewMs = skew;
    const started = Date.now();
    const credentials = await startCall('cat-character', { model: fastModel() });
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
    const { sessionId, createdAt } = await createSession('cat-character');
    expect(Math.abs(Date.parse(createdAt) - Date.now())).toBeLessThan(1000);
    let progress = await waitForProgress(sessionId, undefined, { model: fastModel() });
    for (let i = 0; i < 10 && progress.phase !== 'ready'; i += 1) {
      progress = await waitForProgress(sessionId, progress.phase, { model: fastModel() });
    }
    expect(progress).toEqual({ sessionId, phase: 'ready' });
    expect(count(fake, /^DELETE /)).toBe(0);
  });
});
