import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { listToolCalls, recordToolCall } from '@/lib/server/tools/tool-activity';
import { startRedisServer } from '@/tests/unit/redis-server';

/**
 * The backend tool calls a call page reads: in this process's memory, or with REDIS_URL in a Redis list that
 * every instance shares (a real redis-server on loopback here, as in the end-to-end suite).
 */

const call = (name: string, n: number) => ({
  name,
  arguments: { orderId: `RC-10${String(n).padStart(2, '0')}` },
  outcome: { result: { status: 'shipped' } },
  durationMs: n,
  at: new Date(0).toISOString(),
});

describe.each(['memory', 'redis'] as const)('tool activity in %s', (store) => {
  let redis: Awaited<ReturnType<typeof startRedisServer>> | undefined;
  let url = '';

  beforeAll(async () => {
    if (store === 'memory') return;
    redis = await startRedisServer();
    url = redis.url;
  });

  afterAll(() => redis?.stop());

  const use = () => vi.stubEnv('REDIS_URL', url);

  it('lists a session’s calls in order, each with its place, from any point on', async () => {
    use();
    const session = crypto.randomUUID();
    for (let n = 0; n < 3; n += 1) await recordToolCall(session, call('lookup_order', n));
    expect((await listToolCalls(session, 0)).map((entry) => entry.seq)).toEqual([0, 1, 2]);
    expect(await listToolCalls(session, 1)).toEqual([
      { seq: 1, ...call('lookup_order', 1) },
      { seq: 2, ...call('lookup_order', 2) },
    ]);
    expect(await listToolCalls(session, 3)).toEqual([]);
    expect(await listToolCalls(crypto.randomUUID(), 0)).toEqual([]);
  });

  it('keeps sessions apart, and stops recording a runaway session at 100 calls', async () => {
    use();
    const [busy, quiet] = [crypto.randomUUID(), crypto.randomUUID()];
    for (let n = 0; n < 105; n += 1) await recordToolCall(busy, call('check_availability', n));
    await recordToolCall(quiet, call('lookup_order', 7));
    const listed = await listToolCalls(busy, 0);
    expect(listed).toHaveLength(100);
    expect(listed.at(-1)).toMatchObject({ seq: 99, durationMs: 99 });
    expect(await listToolCalls(quiet, 0)).toEqual([{ seq: 0, ...call('lookup_order', 7) }]);
  });
});
