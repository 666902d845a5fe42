import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '@/lib/errors';
import { admitSession, releaseSlot } from '@/lib/server/security/limits';
import { resetSecurityState } from '@/tests/unit/security';

/**
 * What a visitor's call may cost the owner, at the level of lib/server/security/limits.ts: admission (a
 * per-client rate, today's minutes, a concurrency slot) and the release of a slot. In memory: REDIS_URL is
 * unset except in the last test.
 */

// A slot names the UTC day its minutes came from, then a random id.
const SLOT = /^day:\d{4}-\d{2}-\d{2}:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function expectRefused(client: string, message: RegExp | string) {
  const error = await refusal(admitSession(client));
  expect(error.code).toBe('rate_limited');
  expect(error.status).toBe(429);
  if (typeof message === 'string') expect(error.message).toBe(message);
  else expect(error.message).toMatch(message);
  expect(error.options.retryAfterSeconds).toBeGreaterThanOrEqual(1);
  return error.options.retryAfterSeconds!;
}

const TOO_QUICKLY = /^You are starting calls too quickly\. Try again in \d+ s\.$/;
const BUSY = /^All avatars are busy\. Try again in \d+ s\.$/;
const BUDGET_USED_UP = 'Today’s call budget is used up. Please come back tomorrow.';

/** Limits high enough to stay out of the way, and one-minute sessions so budgets count sessions. */
function limits(overrides: Record<string, string>) {
  const env = {
    RATE_LIMIT_SESSIONS_PER_MINUTE: '10000',
    MAX_CONCURRENT_SESSIONS: '10000',
    DAILY_SESSION_MINUTES: '1000000',
    SESSION_MAX_DURATION_SECONDS: '60',
    ...overrides,
  };
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
}

beforeEach(() => {
  resetSecurityState();
  vi.stubEnv('REDIS_URL', '');
});

afterEach(() => {
  vi.useRealTimers();
});

describe('admitSession: RATE_LIMIT_SESSIONS_PER_MINUTE per client', () => {
  it('defaults to 5 new sessions a minute per client', async () => {
    limits({ RATE_LIMIT_SESSIONS_PER_MINUTE: '' });
    for (let i = 0; i < 5; i += 1) await admitSession('198.51.100.1');
    await expectRefused('198.51.100.1', TOO_QUICKLY);
  });

  it('refuses the client over the rate with a Retry-After within the minute, and no one else', async () => {
    limits({ RATE_LIMIT_SESSIONS_PER_MINUTE: '2' });
    expect(await admitSession('198.51.100.1')).toMatch(SLOT);
    expect(await admitSession('198.51.100.1')).toMatch(SLOT);
    const retryAfter = await expectRefused('198.51.100.1', TOO_QUICKLY);
    expect(retryAfter).toBeLessThanOrEqual(60);
    await admitSession('198.51.100.2');
    await admitSession('local');
  });

  it('admits the client again once the minute has passed', async () => {
    limits({ RATE_LIMIT_SESSIONS_PER_MINUTE: '1' });
    vi.useFakeTimers({ toFake: ['Date'] });
    await admitSession('198.51.100.1');
    await expectRefused('198.51.100.1', TOO_QUICKLY);
    vi.setSystemTime(Date.now() + 61_000);
    await admitSession('198.51.100.1');
  });

  it('spends neither minutes nor a slot on an attempt it refuses', async () => {
    limits({ RATE_LIMIT_SESSIONS_PER_MINUTE: '1', DAILY_SESSION_MINUTES: '2', MAX_CONCURRENT_SESSIONS: '2' });
    await admitSession('a');
    await expectRefused('a', TOO_QUICKLY);
    await expectRefused('a', TOO_QUICKLY);
    // Both refusals left the second minute and the second slot for someone else.
    await admitSession('b');
  });
});

describe('admitSession: MAX_CONCURRENT_SESSIONS slots', () => {
  it('defaults to 5 sessions at once, across clients', async () => {
    limits({ MAX_CONCURRENT_SESSIONS: '' });
    for (let i = 0; i < 5; i += 1) await admitSession(`client-${i}`);
    await expectRefused('client-5', BUSY);
  });

  it('hands out a distinct slot per session, and admits again once one is released', async () => {
    limits({ MAX_CONCURRENT_SESSIONS: '2' });
    const first = await admitSession('a');
    const second = await admitSession('b');
    expect(first).not.toBe(second);
    await expectRefused('c', BUSY);
    await releaseSlot(first);
    await admitSession('c');
    await expectRefused('d', BUSY);
  });

  it('says to retry when the oldest slot expires: READY timeout + maxDuration + a minute after it was taken', async () => {
    limits({ MAX_CONCURRENT_SESSIONS: '1', SESSION_READY_TIMEOUT_SECONDS: '30', SESSION_MAX_DURATION_SECONDS: '300' });
    await admitSession('a');
    const retryAfter = await expectRefused('b', BUSY);
    expect(retryAfter).toBeGreaterThanOrEqual(389);
    expect(retryAfter).toBeLessThanOrEqual(390);
  });

  it('lets a slot that was never released expire, so a crashed request cannot hold capacity for ever', async () => {
    limits({ MAX_CONCURRENT_SESSIONS: '1', SESSION_READY_TIMEOUT_SECONDS: '30', SESSION_MAX_DURATION_SECONDS: '300' });
    vi.useFakeTimers({ toFake: ['Date'] });
    await admitSession('a');
    vi.setSystemTime(Date.now() + 389_000);
    await expectRefused('b', BUSY);
    vi.setSystemTime(Date.now() + 2_000);
    await admitSession('b');
  });

  it('gives the minutes back when it refuses for want of a slot', async () => {
    limits({ MAX_CONCURRENT_SESSIONS: '1', DAILY_SESSION_MINUTES: '2' });
    const first = await admitSession('a');
    await expectRefused('b', BUSY);
    await expectRefused('c', BUSY);
    await releaseSlot(first);
    // Two minutes: the first session's, and this one's; the refusals spent none.
    await admitSession('b');
  });

  it('treats releasing an unknown or already released slot as a no-op', async () => {
    limits({ MAX_CONCURRENT_SESSIONS: '1' });
    const slot = await admitSession('a');
    await releaseSlot(crypto.randomUUID());
    await expectRefused('b', BUSY);
    await releaseSlot(slot);
    await releaseSlot(slot);
    await admitSession('b');
    await expectRefused('c', BUSY);
  });
});

describe('admitSession: DAILY_SESSION_MINUTES, each session reserving ceil(SESSION_MAX_DURATION_SECONDS / 60)', () => {
  it('defaults to 60 minutes: twelve 5-minute sessions a day', async () => {
    limits({ DAILY_SESSION_MINUTES: '', SESSION_MAX_DURATION_SECONDS: '300' });
    for (let i = 0; i < 12; i += 1) await admitSession(`client-${i}`);
    await expectRefused('client-12', BUDGET_USED_UP);
  });

  it('rounds a session’s reservation up to whole minutes', async () => {
    limits({ DAILY_SESSION_MINUTES: '3', SESSION_MAX_DURATION_SECONDS: '61' });
    await admitSession('a');
    // 2 of 3 minutes reserved; another 2 do not fit.
    await expectRefused('b', BUDGET_USED_UP);
  });

  it('is one budget for every client, and says to come back at midnight UTC', async () => {
    limits({ DAILY_SESSION_MINUTES: '2' });
    await admitSession('a');
    await admitSession('b');
    const retryAfter = await expectRefused('c', BUDGET_USED_UP);
    const untilMidnight = (Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`) + 86_400_000 - Date.now()) / 1000;
    expect(Math.abs(retryAfter - untilMidnight)).toBeLessThanOrEqual(2);
  });

  it('starts afresh the next day (UTC)', async () => {
    limits({ DAILY_SESSION_MINUTES: '1' });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2030-01-01T23:59:00Z'));
    await admitSession('a');
    await expectRefused('b', BUDGET_USED_UP);
    vi.setSystemTime(new Date('2030-01-02T00:00:01Z'));
    await admitSession('b');
  });

  it('gets all of a session’s minutes back when it never ran (0 s used), and none when its use is unknown', async () => {
    limits({ DAILY_SESSION_MINUTES: '2' });
    const ran = await admitSession('a');
    const neverRan = await admitSession('b');
    await releaseSlot(ran);
    await releaseSlot(neverRan, { usedSeconds: 0 });
    await admitSession('c');
    await expectRefused('d', BUDGET_USED_UP);
  });

  it('gives back what a session did not use: its reservation less the minutes it ran, rounded up', async () => {
    limits({ DAILY_SESSION_MINUTES: '10', SESSION_MAX_DURATION_SECONDS: '300' });
    const slot = await admitSession('a');
    // 5 reserved; a 61 s call used 2 of them, so 3 come back: 8 of 10 are free again, room for one more 5.
    await releaseSlot(slot, { usedSeconds: 61 });
    await admitSession('b');
    await expectRefused('c', BUDGET_USED_UP);
  });

  it('refunds a slot once, however many clean-up paths release it', async () => {
    limits({ DAILY_SESSION_MINUTES: '2' });
    const slot = await admitSession('a');
    await admitSession('b');
    await releaseSlot(slot, { usedSeconds: 0 });
    await releaseSlot(slot, { usedSeconds: 0 });
    await releaseSlot(slot, { usedSeconds: 0 });
    await admitSession('c');
    await expectRefused('d', BUDGET_USED_UP);
  });

  it('makes refunded minutes usable again even after an attempt was refused meanwhile', async () => {
    limits({ DAILY_SESSION_MINUTES: '1' });
    const slot = await admitSession('a');
    // Refused: the budget is used up. This attempt reserves nothing.
    await expectRefused('b', BUDGET_USED_UP);
    // The only session never ran: its minute comes back, and nothing else is reserved.
    await releaseSlot(slot, { usedSeconds: 0 });
    await admitSession('b');
  });
});

describe('admitSession with REDIS_URL set', () => {
  afterEach(async () => {
    // Stop the client's reconnect loop: it is not reachable through the module.
    const store = globalThis as typeof globalThis & { [key: symbol]: unknown };
    const state = store[Symbol.for('runway-characters-starter:limits')] as
      { current?: { perClient: { client?: { disconnect(): void } } } } | undefined;
    state?.current?.perClient.client?.disconnect();
    resetSecurityState();
  });

  it('fails closed with 503 upstream_unavailable when Redis cannot be reached, and logs without the URL’s password', async () => {
    limits({});
    vi.stubEnv('REDIS_URL', 'redis://:s3cret-pass@127.0.0.1:1');
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const error = await refusal(admitSession('a'));
    expect(error).toMatchObject({
      code: 'upstream_unavailable',
      status: 503,
      message: 'Calls are paused for a moment. Please try again shortly.',
    });
    expect(JSON.stringify(error.toBody())).not.toContain('s3cret');
    for (const call of log.mock.calls) expect(String(call[0])).not.toContain('s3cret');
  });
});
