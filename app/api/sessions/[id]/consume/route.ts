import { sessionParamsSchema } from '@/lib/schemas/sessions';
import { NO_STORE_SMALL, route } from '@/lib/server/http';
import { readTicket } from '@/lib/server/security/session-tickets';
import { consumeSession } from '@/lib/server/sessions/lifecycle';

export const maxDuration = 15;

/** The call's LiveKit credentials. Single use; the session key itself never leaves the server. */
export const POST = route({ params: sessionParamsSchema }, async ({ params, request }) => {
  const credentials = await consumeSession(readTicket(request, params.id), request.signal);
  return Response.json(credentials, { headers: NO_STORE_SMALL });
});
