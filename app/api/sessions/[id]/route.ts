import { sessionParamsSchema, sessionStatusQuerySchema } from '@/lib/call/session-schema';
import { NO_STORE, NO_STORE_SMALL, route } from '@/lib/server/http';
import { readTicket } from '@/lib/server/security/session-tickets';
import { cancelSession, waitForProgress } from '@/lib/server/sessions/lifecycle';

// While the session is pending, a status request waits up to 8 s for its phase to change (a long poll),
// so the browser asks rarely; otherwise it answers at once.
export const maxDuration = 15;

export const GET = route({ params: sessionParamsSchema, query: sessionStatusQuerySchema }, async ({ params, query, request }) => {
  const progress = await waitForProgress(await readTicket(request, params.id), query.known, { signal: request.signal });
  return Response.json(progress, { headers: NO_STORE_SMALL });
});

/** Cancel. Also sent with `keepalive` when the visitor leaves before hanging up. */
export const DELETE = route({ params: sessionParamsSchema }, async ({ params, request }) => {
  await cancelSession(await readTicket(request, params.id));
  return new Response(null, { status: 204, headers: NO_STORE });
});
