import { startSessionBodySchema } from '@/lib/schemas/sessions';
import { benchSchedule } from '@/lib/server/bench/fixed-schedule';
import { NO_STORE_SMALL, route } from '@/lib/server/http';
import { callerOf } from '@/lib/server/sessions/access';
import { startCall } from '@/lib/server/sessions/lifecycle';

/** Drop-in for `<AvatarCall connectUrl="/api/avatar/session">`: create → wait → consume in one request. */

// Covers SESSION_READY_TIMEOUT_SECONDS (at most 45 s) plus create and consume.
export const maxDuration = 60;

export const POST = route({ body: startSessionBodySchema }, async ({ body, request }) => {
  const credentials = await startCall(body.avatarId, callerOf(request), { signal: request.signal, model: benchSchedule(request) });
  return Response.json(credentials, { headers: NO_STORE_SMALL });
});
