import 'server-only';
import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppError } from '@/lib/errors';
import { getEnv } from '@/lib/server/env';
import { processState } from '@/lib/server/process-state';
import { sharedRedis } from '@/lib/server/redis';

/**
 * What a visitor's call may cost the owner: a per-client rate of new sessions, a cap on sessions in flight,
 * and a daily budget of session minutes (each session reserves its maxDuration while it may run, and gets
 * back what it did not use when it ends). In memory for one instance; in Redis, shared by every instance, when
 * REDIS_URL is set. Counting uses rate-limiter-flexible; the concurrency cap is a Redis sorted set of
 * slots that expire on their own, so a crashed instance cannot leak capacity for long.
 */

interface SlotStore {
  /** Takes a slot unless `limit` are held; on refusal, ms until the oldest slot expires. */
  acquire(slot: string, ttlMs: number, limit: number): Promise<number | null>;
  /** Whether the slot was still held: releasing twice, or after it expired, is a no-op. */
  release(slot: string): Promise<boolean>;
}

function memorySlots(): SlotStore {
  const slots = new Map<string, number>();
  return {
    async acquire(slot, ttlMs, limit) {
      const now = Date.now();
      for (const [id, expires] of slots) if (expires <= now) slots.delete(id);
      if (slots.size >= limit) return Math.min(...slots.values()) - now;
      slots.set(slot, now + ttlMs);
      return null;
    },
    async release(slot) {
      return slots.delete(slot);
    },
  };
}

// Atomic check-and-take: drop expired slots, refuse at the limit, else add this one.
const ACQUIRE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return tonumber(oldest[2]) - tonumber(ARGV[1])
end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[4])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) - tonumber(ARGV[1]))
return -1`;

function redisSlots(redis: Redis): SlotStore {
  const key = 'rcs:sessions:active';
  return {
    async acquire(slot, ttlMs, limit) {
      const now = Date.now();
      const wait = Number(await redis.eval(ACQUIRE, 1, key, now, now + ttlMs, limit, slot));
      return wait < 0 ? null : Math.max(wait, 1000);
    },
    async release(slot) {
      return (await redis.zrem(key, slot)) > 0;
    },
  };
}

interface Limiters {
  signature: string;
  perClient: RateLimiterAbstract;
  dailyMinutes: RateLimiterAbstract;
  slots: SlotStore;
}

function limiters(): Limiters {
  const env = getEnv();
  const signature = [env.REDIS_URL, env.RATE_LIMIT_SESSIONS_PER_MINUTE, env.DAILY_SESSION_MINUTES].join('|');
  const state = processState('limits', () => ({ current: undefined as Limiters | undefined }));
  if (state.current?.signature === signature) return state.current;
  const perClient = { points: env.RATE_LIMIT_SESSIONS_PER_MINUTE, duration: 60 };
  // Keys are per UTC day, so a two-day lifetime is enough for each day's count.
  const daily = { points: env.DAILY_SESSION_MINUTES, duration: 2 * 86_400 };
  if (env.REDIS_URL) {
    const redis = sharedRedis(env.REDIS_URL);
    state.current = {
      signature,
      perClient: new RateLimiterRedis({ storeClient: redis, keyPrefix: 'rcs:rate', ...perClient }),
      dailyMinutes: new RateLimiterRedis({ storeClient: redis, keyPrefix: 'rcs:minutes', ...daily }),
      slots: redisSlots(redis),
    };
  } else {
    state.current = {
      signature,
      perClient: new RateLimiterMemory({ keyPrefix: 'rate', ...perClient }),
      dailyMinutes: new RateLimiterMemory({ keyPrefix: 'minutes', ...daily }),
      slots: memorySlots(),
    };
  }
  return state.current;
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/**
 * Takes `points` or throws `refusal`. rate-limiter-flexible counts a refused attempt too; `undoRefused`
 * gives those points back, so refused calls never eat into a budget (the per-client rate keeps counting
 * them: hammering should not shorten the wait).
 */
async function consume(
  limiter: RateLimiterAbstract,
  key: string,
  points: number,
  refusal: (retryMs: number) => AppError | Promise<AppError>,
  undoRefused = false,
) {
  try {
    await limiter.consume(key, points);
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw unavailable(error);
    if (undoRefused) await limiter.reward(key, points).catch(() => undefined);
    throw await refusal(error.msBeforeNext);
  }
}

function unavailable(cause: unknown) {
  // Fail closed: without the counters nobody can tell what calls would cost.
  return new AppError('upstream_unavailable', 'Calls are paused for a moment. Please try again shortly.', { cause });
}

function today() {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Admits one new session for this client and returns the concurrency slot it holds, or throws a 429 that
 * says when to try again. `nextReclaimAt` (epoch ms, asked only on refusal) is when a session in flight may
 * next give its slot and minutes back: the wait it names is never longer than that.
 */
export async function admitSession(
  client: string,
  nextReclaimAt: () => Promise<number | undefined> = async () => undefined,
): Promise<string> {
  const env = getEnv();
  const { perClient, dailyMinutes, slots } = limiters();
  const minutes = Math.ceil(env.SESSION_MAX_DURATION_SECONDS / 60);
  const day = `day:${today()}`;
  const reclaimWait = async () => {
    const at = await nextReclaimAt().catch(() => undefined);
    return at === undefined ? undefined : at - Date.now();
  };

  await consume(perClient, client, 1, (ms) => tooMany(`You are starting calls too quickly. Try again in ${seconds(ms)} s.`, ms));
  await consume(
    dailyMinutes,
    day,
    minutes,
    async () => {
      // Minutes held by calls in flight come back, less what they use; otherwise only tomorrow brings more.
      const wait = await reclaimWait();
      if (wait !== undefined) return tooMany(`Today’s call minutes are held by calls in progress. Try again in ${seconds(wait)} s.`, wait);
      const untilMidnight = Date.parse(`${today()}T00:00:00Z`) + 86_400_000 - Date.now();
      return tooMany('Today’s call budget is used up. Please come back tomorrow.', untilMidnight);
    },
    true,
  );

  const refund = () => dailyMinutes.reward(day, minutes).then(() => undefined);
  // The slot names the day its minutes came from, so a refund after midnight goes back to that day.
  const slot = `${day}:${crypto.randomUUID()}`;
  // A slot outlives the longest possible session: READY deadline + maxDuration, plus a minute of slack.
  const ttlMs = (env.SESSION_READY_TIMEOUT_SECONDS + env.SESSION_MAX_DURATION_SECONDS + 60) * 1000;
  let wait: number | null;
  try {
    wait = await slots.acquire(slot, ttlMs, env.MAX_CONCURRENT_SESSIONS);
  } catch (error) {
    await refund().catch(() => undefined);
    throw unavailable(error);
  }
  if (wait !== null) {
    await refund().catch(() => undefined);
    const sooner = Math.min(wait, (await reclaimWait()) ?? Infinity);
    throw tooMany(`All avatars are busy. Try again in ${seconds(sooner)} s.`, sooner);
  }
  return slot;
}

/**
 * Frees a session's slot and gives back the minutes it did not use: its reservation less `usedSeconds`
 * rounded up to whole minutes (0 when it never ran; without `usedSeconds`, it used them all). Only the first
 * release of a slot refunds, so every clean-up path may call this without counting twice.
 */
export async function releaseSlot(slot: string, { usedSeconds }: { usedSeconds?: number } = {}) {
  const { slots, dailyMinutes } = limiters();
  const held = await slots.release(slot);
  const day = /^day:\d{4}-\d{2}-\d{2}/.exec(slot)?.[0];
  const reserved = Math.ceil(getEnv().SESSION_MAX_DURATION_SECONDS / 60);
  const unused = usedSeconds === undefined ? 0 : reserved - Math.min(reserved, Math.ceil(Math.max(0, usedSeconds) / 60));
  if (held && unused > 0 && day) await dailyMinutes.reward(day, unused);
}

function tooMany(message: string, retryMs: number) {
  return new AppError('rate_limited', message, { retryAfterSeconds: seconds(retryMs) });
}
