import { sessionParamsSchema, toolCallsQuerySchema } from '@/lib/call/session-schema';
import { NO_STORE_SMALL, route } from '@/lib/server/http';
import { readTicket } from '@/lib/server/security/session-tickets';
import { listToolCalls } from '@/lib/server/tools/tool-activity';

/** The backend tool calls served so far in this session's call, after the first `after`: the call page polls it. */
export const GET = route({ params: sessionParamsSchema, query: toolCallsQuerySchema }, async ({ params, query, request }) => {
  await readTicket(request, params.id);
  return Response.json({ calls: await listToolCalls(params.id, query.after) }, { headers: NO_STORE_SMALL });
});
