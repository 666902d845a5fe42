import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { POST as createRoute } from '@/app/api/sessions/route';
import { AppError } from '@/lib/errors';
import { sharedRedis } from '@/lib/server/redis';
import { readTicket, type SessionTicket } from '@/lib/server/security/session-tickets';
import type { Caller } from '@/lib/server/sessions/access';
import { cancelSession, consumeSession, startSession, waitForProgress } from '@/lib/server/sessions/lifecycle';
import { reconcileSessions } from '@/lib/server/sessions/reclaim';
import { useRunwayFake, type RunwayFake } from '@/tests/msw/runway';
import { jsonRequest, routeContext } from '@/tests/unit/request';
import { GENEROUS_LIMITS, resetSecurityState } from '@/tests/unit/security';
import { endCall, joinRoom } from 'runway-emulator/testing';
import { startRedisServer } from '@/tests/unit/redis-server';

/**
 * Abandoned sessions give their slot and minutes back, and a call is charged what it ran (lib/server/sessions/
 * registry.ts and reclaim.ts). No timer does it: each admission reconciles the registry first. Time is fake
 * (Date only), and the emulator's READY comes 1–2 s after create, as on Runway. Each reclaim test runs with
 * the registry in memory and in a real redis-server on loopback.
 */

const caller = (n: number | string): Caller => ({ client: `visitor-${n}`, admin: false });

async function started(n: number | string) {
  const session = await startSession('cat-character', caller(n));
  const request = new Request('http://x', { headers: { 'x-session-ticket': session.ticket } });
  return readTicket(request, session.sessionId);
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const advance = (ms: number) => vi.setSystemTime(Date.now() + ms);
const statuses = (fake: RunwayFake) => fake.emulator.control.sessions().map((session) => session.status);
const count = (fake: RunwayFake, pattern: RegExp) => fake.requests.filter((request) => pattern.test(request)).length;

/**
 * A visitor who starts a call and, when told to wait, waits exactly as long as the 429's Retry-After says.
 * Returns the seconds it took to be admitted.
 */
async function visitorWaitsForACall(n: number | string) {
  const from = Date.now();
  for (let tries = 0; tries < 10; tries += 1) {
    try {
      await started(n);
      return (Date.now() - from) / 1000;
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'rate_limited')) throw error;
      advance(error.options.retryAfterSeconds! * 1000);
    }
  }
  throw new Error('Never admitted');
}

/** Sessions' READY as the page would see it, a few seconds after create. */
async function seenReady(ticket: SessionTicket) {
  expect((await waitForProgress(ticket)).phase).toBe('ready');
}

/** A redis-server on loopback for the file's Redis runs; its URL, and a second URL for a second "instance". */
const redisServer = { url: '', otherUrl: '', stop: () => {} };

beforeAll(async () => {
  Object.assign(redisServer, await startRedisServer());
});

afterAll(() => redisServer.stop());

function useClock(store: 'memory' | 'redis', limits: Record<string, string> = {}) {
  beforeEach(async () => {
    resetSecurityState();
    for (const [name, value] of Object.entries({ ...GENEROUS_LIMITS, ...limits })) vi.stubEnv(name, value);
    vi.stubEnv('REDIS_URL', store === 'redis' ? redisServer.url : '');
    if (store === 'redis') await sharedRedis(redisServer.url).flushall();
    vi.useFakeTimers({ toFake: ['Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}

describe.each(['memory', 'redis'] as const)('abandoned sessions are reclaimed at the next admissions (registry in %s)', (store) => {
  const fake = useRunwayFake({ readyMs: { min: 1000, max: 2000 }, now: () => Date.now() });

  describe('five creates never followed up, MAX_CONCURRENT_SESSIONS=5', () => {
    useClock(store, { MAX_CONCURRENT_SESSIONS: '5' });

    it('let a sixth visitor in 25 s later (a look at 5 s finds them READY, then a 20 s window), and are cancelled at Runway', async () => {
      for (let n = 0; n < 5; n += 1) await started(n);
      const waited = await visitorWaitsForACall('sixth');
      // The goal is 30 s at most: 5 s until the server looks, then SESSION_CONSUME_WINDOW_SECONDS (20).
      expect(waited).toBe(25);
      expect(statuses(fake).slice(0, 5)).toEqual(Array(5).fill('CANCELLED'));
      expect(statuses(fake)[5]).toBe('NOT_READY');
      expect(count(fake, /^DELETE /)).toBe(5);
    });

    it('follow SESSION_CONSUME_WINDOW_SECONDS, counted from READY as the page saw it', async () => {
      vi.stubEnv('SESSION_CONSUME_WINDOW_SECONDS', '8');
      const tickets = [];
      for (let n = 0; n < 5; n += 1) tickets.push(await started(n));
      advance(2_000);
      // The page saw them READY, then went away.
      for (const ticket of tickets) await seenReady(ticket);
      advance(7_999);
      expect((await refusal(started('sixth'))).message).toBe('All avatars are busy. Try again in 1 s.');
      expect(count(fake, /^DELETE /)).toBe(0);
      advance(1);
      await started('sixth');
      expect(statuses(fake)).toEqual([...Array(5).fill('CANCELLED'), 'NOT_READY']);
    });
  });

  describe('a session never READY by SESSION_READY_TIMEOUT_SECONDS', () => {
    useClock(store, { MAX_CONCURRENT_SESSIONS: '1', SESSION_MAX_DURATION_SECONDS: '60', DAILY_SESSION_MINUTES: '1' });

    it('is cancelled at a later admission, and its slot and minute come back', async () => {
      fake.emulator.control.queueFaults(['never-ready']);
      await started('first');
      advance(29_000);
      expect((await refusal(started('second'))).code).toBe('rate_limited');
      // A look at that admission found it still pending: nothing was cancelled yet.
      expect(statuses(fake)).toEqual(['NOT_READY']);
      advance(1_000);
      await started('second');
      expect(statuses(fake)).toEqual(['CANCELLED', 'NOT_READY']);
    });
  });

  describe('20 admitted and abandoned creates, with the default 60 minutes a day and 5-minute calls', () => {
    useClock(store, { MAX_CONCURRENT_SESSIONS: '5', DAILY_SESSION_MINUTES: '60', SESSION_MAX_DURATION_SECONDS: '300' });

    it('leave all 60 minutes once reclaimed', async () => {
      for (let n = 0; n < 20; n += 1) await visitorWaitsForACall(n);
      expect(fake.emulator.control.sessions()).toHaveLength(20);
      // Long enough for the last five to be looked at and their windows to pass.
      advance(5_000);
      await reconcileSessions();
      advance(20_000);
      await reconcileSessions();
      expect(statuses(fake)).toEqual(Array(20).fill('CANCELLED'));

      // All 60 minutes are there: twelve more 5-minute sessions, and not a thirteenth.
      vi.stubEnv('MAX_CONCURRENT_SESSIONS', '100');
      for (let n = 0; n < 12; n += 1) await started(`later-${n}`);
      expect((await refusal(started('later-12'))).message).toMatch(
        /^Today’s call minutes are held by calls in progress\. Try again in \d+ s\.$/,
      );
    });
  });

  describe('Runway refusing to cancel a READY session (the emulator’s alternate cancel rules)', () => {
    const fake = useRunwayFake({ readyMs: { min: 1000, max: 2000 }, now: () => Date.now(), cancelRules: 'alternate' });
    useClock(store, { MAX_CONCURRENT_SESSIONS: '1' });

    it('frees its slot anyway once its window has passed, and its ticket can no longer consume it', async () => {
      const ticket = await started('first');
      advance(2_000);
      await seenReady(ticket);
      // The visitor leaves; Runway will not cancel a READY session, so the slot stays taken for now.
      await cancelSession(ticket);
      expect(statuses(fake)).toEqual(['READY']);
      const busy = await refusal(started('second'));
      expect(busy.message).toBe('All avatars are busy. Try again in 20 s.');

      advance(20_000);
      await started('second');
      // Refused a second time by Runway: still READY there, but nobody can join it.
      expect(statuses(fake)).toEqual(['READY', 'NOT_READY']);
      expect(count(fake, /^DELETE /)).toBe(2);
      const late = await refusal(consumeSession(ticket));
      expect(late).toMatchObject({
        code: 'conflict',
        message: 'This session waited too long to be joined and was cancelled. Start a new call.',
      });
      expect(count(fake, /\/consume$/)).toBe(0);
    });
  });
});

describe('minutes are charged for what ran', () => {
  const fake = useRunwayFake({ readyMs: { min: 1000, max: 2000 }, now: () => Date.now() });
  useClock('memory', { DAILY_SESSION_MINUTES: '10', SESSION_MAX_DURATION_SECONDS: '300' });
  const BUDGET_HELD = /^Today’s call minutes are held by calls in progress\. Try again in \d+ s\.$/;

  async function call(n: string, seconds: number) {
    const ticket = await started(n);
    advance(2_000);
    await seenReady(ticket);
    const { credentials } = await consumeSession(ticket);
    expect(joinRoom(fake.emulator.control, credentials.roomName)?.status).toBe('RUNNING');
    advance(seconds * 1000);
    expect(endCall(fake.emulator.control, credentials.roomName)).toMatchObject({ status: 'COMPLETED', duration: seconds });
    return ticket;
  }

  it('charges a completed call of 70 s ceil(70/60) = 2 minutes, not its 5-minute reservation', async () => {
    const ticket = await call('a', 70);
    expect(await waitForProgress(ticket, 'running')).toMatchObject({ phase: 'completed', durationSeconds: 70 });
    // 10 − 2 = 8 minutes: room for one more 5-minute reservation, not two.
    await started('b');
    expect((await refusal(started('c'))).message).toMatch(BUDGET_HELD);
  });

  it('charges a call nobody watched end what Runway reports, when the registry looks it up after its longest length', async () => {
    await call('a', 70);
    // The page is gone: no status poll, no cancel. Long after its end, an admission looks it up.
    advance(300_000 + 10_000 - 70_000);
    // 10 − 2 = 8 minutes: one more 5-minute reservation.
    await started('b');
    expect((await refusal(started('c'))).message).toMatch(BUDGET_HELD);
  });

  it('frees the slot of a call whose page went away within 15 s of Runway ending it, not at its longest length', async () => {
    vi.stubEnv('MAX_CONCURRENT_SESSIONS', '1');
    const ticket = await started('a');
    advance(2_000);
    await seenReady(ticket);
    const { credentials } = await consumeSession(ticket);
    joinRoom(fake.emulator.control, credentials.roomName);
    // Running: the admission's look (due 15 s after consume) finds it live, and the slot stays taken.
    advance(20_000);
    expect((await refusal(started('b'))).code).toBe('rate_limited');
    // The visitor's page went away; Runway ended the call. Nobody polls, nobody cancels.
    endCall(fake.emulator.control, credentials.roomName);
    const lookups = count(fake, /^GET \/v1\/realtime_sessions\//);
    advance(15_000);
    await started('b');
    expect(count(fake, /^GET \/v1\/realtime_sessions\//) - lookups).toBe(1);
  });

  it('charges a hung-up call the time since it was handed over', async () => {
    const runner = await started('runner');
    advance(2_000);
    await seenReady(runner);
    const { credentials } = await consumeSession(runner);
    joinRoom(fake.emulator.control, credentials.roomName);
    advance(130_000);
    await cancelSession(runner);
    // 130 s since it was handed over, rounded up: 3 minutes of 10, so 7 are left.
    await started('b');
    expect((await refusal(started('c'))).message).toMatch(BUDGET_HELD);
  });

  it('charges nothing for a session that never ran', async () => {
    fake.emulator.control.queueFaults(['fail']);
    const ticket = await started('a');
    advance(2_000);
    expect((await waitForProgress(ticket)).phase).toBe('failed');
    await started('b');
    await started('c');
  });
});

describe('two instances reconciling the same Redis registry at once', () => {
  const fake = useRunwayFake({ readyMs: { min: 1000, max: 2000 }, now: () => Date.now() });
  // 25 minutes: exactly five 5-minute sessions, so any minute refunded twice would let a sixth in.
  useClock('redis', { MAX_CONCURRENT_SESSIONS: '100', DAILY_SESSION_MINUTES: '25', SESSION_MAX_DURATION_SECONDS: '300' });

  /** Reconciles as the instance behind `url`: its own Redis connection, the same database. */
  function reconcileAs(url: string) {
    vi.stubEnv('REDIS_URL', url);
    // The registry and limits are chosen when called; the rest of the work runs on after this returns.
    return reconcileSessions();
  }

  it('cancel each abandoned session once and refund its minutes once', async () => {
    const tickets = [];
    for (let n = 0; n < 5; n += 1) tickets.push(await started(n));
    advance(2_000);
    for (const ticket of tickets) await seenReady(ticket);
    advance(20_000);
    await Promise.all([reconcileAs(redisServer.url), reconcileAs(redisServer.otherUrl), reconcileAs(redisServer.url)]);
    vi.stubEnv('REDIS_URL', redisServer.url);

    expect(statuses(fake)).toEqual(Array(5).fill('CANCELLED'));
    expect(count(fake, /^DELETE /)).toBe(5);
    for (let n = 0; n < 5; n += 1) await started(`later-${n}`);
    expect((await refusal(started('later-5'))).code).toBe('rate_limited');
  });
});

describe('on a server that lives between requests, with no admission after the abandoned sessions', () => {
  const fake = useRunwayFake({ readyMs: { min: 1000, max: 2000 }, now: () => Date.now() });
  beforeEach(() => {
    resetSecurityState();
    for (const [name, value] of Object.entries(GENEROUS_LIMITS)) vi.stubEnv(name, value);
    vi.stubEnv('REDIS_URL', '');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => {
    resetSecurityState();
    vi.useRealTimers();
  });

  async function createThroughTheRoute() {
    const response = await createRoute(jsonRequest('/api/sessions', { body: { avatarId: 'cat-character' } }), routeContext({}));
    expect(response.status).toBe(201);
    // The route's after() work (outside Next, it runs at once) arms the timer.
    await vi.advanceTimersByTimeAsync(0);
  }

  it('cancels them at Runway when they are due, by the timer the create route arms after its response', async () => {
    await createThroughTheRoute();
    await createThroughTheRoute();
    // At 5 s the server looks at them (READY), and their 20 s window starts.
    await vi.advanceTimersByTimeAsync(5_000);
    await vi.waitFor(() => expect(count(fake, /^GET /)).toBe(2));
    await vi.advanceTimersByTimeAsync(19_000);
    expect(statuses(fake)).toEqual(['READY', 'READY']);
    await vi.advanceTimersByTimeAsync(1_000);
    await vi.waitFor(() => expect(statuses(fake)).toEqual(['CANCELLED', 'CANCELLED']));
    expect(count(fake, /^DELETE /)).toBe(2);
  });

  it('arms no timer on a serverless host, where it would outlive the request: the next admission reclaims instead', async () => {
    vi.stubEnv('VERCEL', '1');
    await createThroughTheRoute();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fake.requests).toEqual(['POST /v1/realtime_sessions']);
    await createThroughTheRoute();
    expect(statuses(fake)).toEqual(['CANCELLED', 'NOT_READY']);
  });
});
