import { startSessionBodySchema } from '@/lib/schemas/sessions';
import { NO_STORE, route } from '@/lib/server/http';
import { createSession } from '@/lib/server/sessions/lifecycle';

/** Step 1 of the progress-aware flow: create the session and answer at once with its id. */
export const POST = route({ body: startSessionBodySchema }, async ({ body, request }) => {
  const session = await createSession(body.avatarId, request.signal);
  return Response.json(session, { status: 201, headers: NO_STORE });
});
