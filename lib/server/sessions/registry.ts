import 'server-only';
import type Redis from 'ioredis';
import { getEnv } from '@/lib/server/env';
import { processState } from '@/lib/server/process-state';
import { sharedRedis } from '@/lib/server/redis';

/**
 * The server's record of the sessions in flight: each one's slot and when it was created, first seen READY,
 * consumed and ended. It is what lets the server reclaim a session its visitor abandoned (reclaim.ts): the
 * visitor's ticket alone knows the slot, and an abandoned session has no visitor left to send it. In memory
 * for one instance; in Redis, shared by every instance, when REDIS_URL is set.
 *
 * Every change is a pure step on one entry (below), written back only if the entry is still what was read
 * (compare-and-set), so two instances that claim the same due session cannot both act on it.
 */

export interface RegistryEntry {
  slot: string;
  /** Epoch ms, each on the clock of the instance that saw it. */
  createdAt: number;
  readyAt?: number;
  consumedAt?: number;
  /** When a reclaim last asked Runway about it. */
  lookedAt?: number;
  /** Set when the server reclaims it: consume is refused from then on. */
  endedAt?: number;
}

/** What a claimed session needs: ask whether it became READY, cancel it, or learn how its call ended. */
export type ReclaimAction = 'look' | 'reclaim' | 'check-end';

export interface Claim {
  sid: string;
  entry: RegistryEntry;
  action: ReclaimAction;
}

/** READY usually comes within 1.5–2.5 s and the call page consumes at once: by 5 s, an unseen READY is abandoned. */
const FIRST_LOOK_MS = 5_000;
/**
 * A consumed call is looked up this often until Runway reports its end, so a call whose page went away
 * without a word (a closed tab, a lost network: Runway ends it when its visitor does not come back) gives its
 * slot and unused minutes back within seconds of its end. One status request per call per period.
 */
const CALL_CHECK_MS = 15_000;

interface Rules {
  windowMs: number;
  readyTimeoutMs: number;
  /** How long a reclaimed session is remembered: as long as its ticket lives. */
  lifetimeMs: number;
}

function rules(): Rules {
  const env = getEnv();
  return {
    windowMs: env.SESSION_CONSUME_WINDOW_SECONDS * 1000,
    readyTimeoutMs: env.SESSION_READY_TIMEOUT_SECONDS * 1000,
    lifetimeMs: (env.SESSION_READY_TIMEOUT_SECONDS + env.SESSION_MAX_DURATION_SECONDS + 60) * 1000,
  };
}

/** When the entry next needs the server's attention (a reclaimed one: when it may be forgotten). */
function dueAt(entry: RegistryEntry, r: Rules): number {
  if (entry.endedAt !== undefined) return entry.createdAt + r.lifetimeMs;
  if (entry.consumedAt !== undefined) return Math.max(entry.consumedAt, entry.lookedAt ?? 0) + CALL_CHECK_MS;
  if (entry.readyAt !== undefined) return entry.readyAt + r.windowMs;
  const deadline = entry.createdAt + r.readyTimeoutMs;
  return entry.lookedAt === undefined ? Math.min(entry.createdAt + FIRST_LOOK_MS, deadline) : deadline;
}

/** A due entry, claimed at `now`: what to do with it, and the entry that says it was done (undefined: forget it). */
function claimStep(entry: RegistryEntry, now: number, r: Rules): { action?: ReclaimAction; next?: RegistryEntry } {
  // Reclaimed, or past any life a session can have (Runway never reported its end): its slot has expired too.
  if (entry.endedAt !== undefined || now >= entry.createdAt + r.lifetimeMs) return {};
  if (entry.consumedAt !== undefined) return { action: 'check-end', next: { ...entry, lookedAt: now } };
  // Not consumed within its window after READY, or not READY by its deadline: nobody will consume it now.
  if (entry.readyAt !== undefined || now >= entry.createdAt + r.readyTimeoutMs)
    return { action: 'reclaim', next: { ...entry, endedAt: now } };
  return { action: 'look', next: { ...entry, lookedAt: now } };
}

interface Store {
  get(sid: string): Promise<RegistryEntry | undefined>;
  /** Writes `next` (undefined: deletes) due at `due` if the entry is still `expected`; false if it changed. */
  swap(sid: string, expected: RegistryEntry | undefined, next: RegistryEntry | undefined, due: number): Promise<boolean>;
  /** Entries due by `now`, at most `limit`. */
  due(now: number, limit: number): Promise<Array<{ sid: string; entry: RegistryEntry }>>;
  /** The earliest due time of a session still in flight (not a reclaimed one waiting to be forgotten). */
  nextInFlight(): Promise<number | undefined>;
  /** The earliest due time of any entry, cheaply; in memory it may be early (a reconcile then finds nothing). */
  nextDue(): Promise<number | undefined>;
}

function memoryStore(): Store {
  const entries = new Map<string, { entry: RegistryEntry; due: number }>();
  // The earliest due time: admissions that come before it skip the scan.
  let earliest = Infinity;
  return {
    async get(sid) {
      return entries.get(sid)?.entry;
    },
    async swap(sid, expected, next, due) {
      if (entries.get(sid)?.entry !== expected) return false;
      if (next) entries.set(sid, { entry: next, due });
      else entries.delete(sid);
      if (next) earliest = Math.min(earliest, due);
      return true;
    },
    async due(now, limit) {
      if (now < earliest) return [];
      const found: Array<{ sid: string; entry: RegistryEntry }> = [];
      earliest = Infinity;
      for (const [sid, { entry, due }] of entries) {
        if (due <= now && found.length < limit) found.push({ sid, entry });
        else earliest = Math.min(earliest, due);
      }
      return found;
    },
    async nextDue() {
      return earliest === Infinity ? undefined : earliest;
    },
    async nextInFlight() {
      let next: number | undefined;
      for (const { entry, due } of entries.values()) if (entry.endedAt === undefined && !(due >= (next ?? Infinity))) next = due;
      return next;
    },
  };
}

// Compare-and-set of one entry and its due time: the entry's JSON must still be what the caller read.
const SWAP = `
local current = redis.call('HGET', KEYS[1], ARGV[1]) or ''
if current ~= ARGV[2] then return 0 end
if ARGV[3] == '' then
  redis.call('HDEL', KEYS[1], ARGV[1])
  redis.call('ZREM', KEYS[2], ARGV[1])
else
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
  redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1])
end
redis.call('PEXPIRE', KEYS[1], ARGV[5])
redis.call('PEXPIRE', KEYS[2], ARGV[5])
return 1`;

function redisStore(redis: Redis): Store {
  const [entriesKey, dueKey] = ['rcs:sessions:registry', 'rcs:sessions:due'];
  const decode = (json: string | null) => (json ? (JSON.parse(json) as RegistryEntry) : undefined);
  return {
    async get(sid) {
      return decode(await redis.hget(entriesKey, sid));
    },
    async swap(sid, expected, next, due) {
      // Both keys outlive every entry in them; an idle registry disappears on its own.
      const ttl = 2 * rules().lifetimeMs;
      const args = [sid, expected ? JSON.stringify(expected) : '', next ? JSON.stringify(next) : '', due, ttl];
      return Number(await redis.eval(SWAP, 2, entriesKey, dueKey, ...args)) === 1;
    },
    async due(now, limit) {
      const sids = await redis.zrangebyscore(dueKey, '-inf', now, 'LIMIT', 0, limit);
      if (!sids.length) return [];
      const jsons = await redis.hmget(entriesKey, ...sids);
      return sids.flatMap((sid, i) => {
        const entry = decode(jsons[i] ?? null);
        // An entry gone without its due time (a key that expired): drop the due time too.
        if (!entry) void redis.zrem(dueKey, sid).catch(() => undefined);
        return entry ? [{ sid, entry }] : [];
      });
    },
    async nextDue() {
      const [, score] = await redis.zrange(dueKey, '0', '0', 'WITHSCORES');
      return score === undefined ? undefined : Number(score);
    },
    async nextInFlight() {
      // Reclaimed entries wait among the due times to be forgotten: look past them (asked only on a refusal).
      const scored = await redis.zrange(dueKey, '0', '99', 'WITHSCORES');
      if (!scored.length) return undefined;
      const sids = scored.filter((_, i) => i % 2 === 0);
      const jsons = await redis.hmget(entriesKey, ...sids);
      const i = jsons.findIndex((json) => json !== null && decode(json)?.endedAt === undefined);
      return i < 0 ? undefined : Number(scored[2 * i + 1]);
    },
  };
}

function store(): Store {
  const url = getEnv().REDIS_URL;
  const state = processState('session-registry', () => ({ current: undefined as { url?: string; store: Store } | undefined }));
  if (!state.current || state.current.url !== url) state.current = { url, store: url ? redisStore(sharedRedis(url)) : memoryStore() };
  return state.current.store;
}

/** JSON written by one step is compared by value in Redis; in memory, the object read is the one compared. */
const ATTEMPTS = 5;

/**
 * Applies `step` to the session's entry until the write lands (another instance may write in between).
 * `step` returns the new entry, or undefined to change nothing. Returns the entry as it was before.
 */
async function update(sid: string, step: (entry: RegistryEntry) => RegistryEntry | undefined): Promise<RegistryEntry | undefined> {
  const s = store();
  const r = rules();
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const entry = await s.get(sid);
    if (!entry) return undefined;
    const next = step(entry);
    if (!next || (await s.swap(sid, entry, next, dueAt(next, r)))) return entry;
  }
  throw new Error(`The session registry kept changing under ${sid}`);
}

/** A session this server just created. */
export async function registerSession(sid: string, slot: string, createdAt: number) {
  const entry: RegistryEntry = { slot, createdAt };
  await store().swap(sid, undefined, entry, dueAt(entry, rules()));
}

/** A check saw the session READY: its consume window starts (the first time only). */
export async function markReady(sid: string, now = Date.now()) {
  await update(sid, (entry) => (entry.readyAt === undefined && entry.endedAt === undefined ? { ...entry, readyAt: now } : undefined));
}

/**
 * The server is about to consume the session: from now on it may run. 'reclaimed' when the server has
 * already taken it back (it must not be consumed: its slot and minutes were returned); 'unknown' when this
 * registry never saw it (another instance's memory).
 */
export async function markConsumed(sid: string, now = Date.now()): Promise<'ok' | 'reclaimed' | 'unknown'> {
  let outcome: 'ok' | 'reclaimed' = 'ok';
  const before = await update(sid, (entry) => {
    outcome = entry.endedAt === undefined ? 'ok' : 'reclaimed';
    return outcome === 'ok' && entry.consumedAt === undefined ? { ...entry, consumedAt: now } : undefined;
  });
  return before ? outcome : 'unknown';
}

/** The session ended and was settled: the registry forgets it. Returns what it knew (when it was consumed). */
export async function markEnded(sid: string): Promise<RegistryEntry | undefined> {
  const s = store();
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const entry = await s.get(sid);
    // A reclaimed session stays, so that its ticket cannot consume it.
    if (!entry || entry.endedAt !== undefined || (await s.swap(sid, entry, undefined, 0))) return entry;
  }
  return undefined;
}

/** When a session in flight may next give its slot and minutes back (or be looked at), in epoch ms. */
export async function nextReclaimAt(): Promise<number | undefined> {
  return store().nextInFlight();
}

/** When the registry next has something to do (a session to look at, reclaim or forget), in epoch ms. */
export async function nextDueAt(): Promise<number | undefined> {
  return store().nextDue();
}

/**
 * Claims the sessions due by `now` for this caller alone: each claim's change is written before it is
 * returned, with compare-and-set, so another instance claiming at the same moment gets none of them.
 */
export async function claimDue(now = Date.now(), limit = 100): Promise<Claim[]> {
  const s = store();
  const r = rules();
  const claims: Claim[] = [];
  for (const { sid, entry } of await s.due(now, limit)) {
    const { action, next } = claimStep(entry, now, r);
    if (!(await s.swap(sid, entry, next, next ? dueAt(next, r) : 0))) continue;
    if (action) claims.push({ sid, entry, action });
  }
  return claims;
}
