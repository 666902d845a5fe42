import 'server-only';
import { getEnv } from '@/lib/server/env';
import { processState } from '@/lib/server/process-state';
import { sharedRedis } from '@/lib/server/redis';
import type { BackendToolCall } from '@/lib/call/types';

/**
 * The backend tool calls of each session, for the call page to show as they happen. The handler that serves
 * them may run in another instance than the request that reads them (on Vercel, each request is its own
 * function), so with REDIS_URL they live in a Redis list; without, in this process's memory.
 */

type NewCall = Omit<BackendToolCall, 'seq'>;

/** A call lists at most this many: a runaway loop of tool calls cannot grow the store without bound. */
const MAX_CALLS_PER_SESSION = 100;
const MAX_SESSIONS_IN_MEMORY = 500;
const key = (sessionId: string) => `rcs:tool-calls:${sessionId}`;

/** Kept as long as the call can last, plus the end screen's look back. */
const lifetimeMs = () => (getEnv().SESSION_MAX_DURATION_SECONDS + 600) * 1000;

const memory = () => processState('backend-tool-calls', () => new Map<string, BackendToolCall[]>());

export async function recordToolCall(sessionId: string, call: NewCall): Promise<void> {
  const url = getEnv().REDIS_URL;
  if (url) {
    // One round trip, on the tool's answer path: append, keep the first calls only, refresh the lifetime. The
    // list's index is the call's seq; a concurrent append only shifts which seq a call gets.
    await sharedRedis(url)
      .multi()
      .rpush(key(sessionId), JSON.stringify(call))
      .ltrim(key(sessionId), 0, MAX_CALLS_PER_SESSION - 1)
      .pexpire(key(sessionId), lifetimeMs())
      .exec();
    return;
  }
  const sessions = memory();
  const calls = sessions.get(sessionId) ?? [];
  if (calls.length >= MAX_CALLS_PER_SESSION) return;
  calls.push({ seq: calls.length, ...call });
  sessions.delete(sessionId);
  sessions.set(sessionId, calls);
  if (sessions.size > MAX_SESSIONS_IN_MEMORY) sessions.delete(sessions.keys().next().value!);
}

/** The session's calls from index `after` on. */
export async function listToolCalls(sessionId: string, after: number): Promise<BackendToolCall[]> {
  const url = getEnv().REDIS_URL;
  if (!url) return memory().get(sessionId)?.slice(after) ?? [];
  const stored = await sharedRedis(url).lrange(key(sessionId), after, -1);
  return stored.map((json, index) => ({ seq: after + index, ...(JSON.parse(json) as NewCall) }));
}
