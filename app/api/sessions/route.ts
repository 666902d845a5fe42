import { startSessionBodySchema } from '@/lib/call/session-schema';
import { requireBotPass } from '@/lib/server/bot-check/bot-pass';
import { afterResponse, NO_STORE_SMALL, route } from '@/lib/server/http';
import { callerOf } from '@/lib/server/sessions/access';
import { startSession } from '@/lib/server/sessions/lifecycle';
import { reconcileWhenDue } from '@/lib/server/sessions/reclaim';

/** Step 1 of the progress-aware flow: create the session and answer at once with its id and ticket. */
export const POST = route({ body: startSessionBodySchema }, async ({ body, request }) => {
  await requireBotPass(request);
  const session = await startSession(body.avatarId, await callerOf(request), request.signal);
  // If the visitor never comes back for it, it is reclaimed on time (admissions do it too, without a timer).
  afterResponse(reconcileWhenDue);
  return Response.json(session, { status: 201, headers: NO_STORE_SMALL });
});
