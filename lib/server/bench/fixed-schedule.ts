import 'server-only';
import { getEnv } from '@/lib/server/env';
import type { PollSchedule } from '@/lib/server/sessions/readiness-model';

/**
 * Benchmarks only (`npm run bench:load`, BENCH_METRICS=1): the seed's loop (check at once, then 1 s after
 * each answer) behind the same routes, so a run can interleave it with the learned schedule on one server
 * and print ratios. A request picks it with `X-Bench-Schedule: fixed-1s`; without BENCH_METRICS the header
 * is ignored.
 */
const fixedOneSecond: PollSchedule = {
  nextCheckAt: ({ pendingAt, receivedAt }) => (pendingAt === undefined ? 0 : receivedAt + 1000),
  pending: () => undefined,
  record: () => undefined,
  settle: () => undefined,
};

export function benchSchedule(request: Request): PollSchedule | undefined {
  return getEnv().BENCH_METRICS && request.headers.get('x-bench-schedule') === 'fixed-1s' ? fixedOneSecond : undefined;
}
