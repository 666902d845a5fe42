import { AppError } from '@/lib/errors';
import { eventLoopReport, resetEventLoopWindow } from '@/lib/server/bench/event-loop';
import { getEnv } from '@/lib/server/env';
import { NO_STORE, route } from '@/lib/server/http';

/**
 * Benchmarks only (`npm run bench:load`): the server's event-loop delay since the last DELETE. Admin-only
 * (not in the public list) and 404 unless BENCH_METRICS=1.
 */

function assertEnabled() {
  if (!getEnv().BENCH_METRICS) throw new AppError('not_found', 'Not found.');
}

export const dynamic = 'force-dynamic';

export const GET = route({}, async () => {
  assertEnabled();
  return Response.json(eventLoopReport(), { headers: NO_STORE });
});

/** Starts a new measurement window. */
export const DELETE = route({}, async () => {
  assertEnabled();
  resetEventLoopWindow();
  return new Response(null, { status: 204, headers: NO_STORE });
});
