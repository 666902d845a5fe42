import { sessionParamsSchema } from '@/lib/call/session-schema';
import { afterResponse, NO_STORE_SMALL, route } from '@/lib/server/http';
import { readTicket } from '@/lib/server/security/session-tickets';
import { consumeSession } from '@/lib/server/sessions/lifecycle';
import { serveCall } from '@/lib/server/sessions/while-in-call';

// The avatar's backend tools are served from this request for the whole call (after()), so it may last as
// long as the session: SESSION_MAX_DURATION_SECONDS is at most 300, Vercel Hobby's limit (docs/backend-tools.md).
export const maxDuration = 300;

/** The call's LiveKit credentials. Single use; the session key itself never leaves the server. */
export const POST = route({ params: sessionParamsSchema }, async ({ params, request }) => {
  const { credentials, servesTools } = await consumeSession(await readTicket(request, params.id), request.signal);
  if (servesTools) afterResponse(() => serveCall(servesTools));
  return Response.json(credentials, { headers: NO_STORE_SMALL });
});
