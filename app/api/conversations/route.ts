import { conversationsQuerySchema } from '@/lib/history/conversation-schema';
import { NO_STORE, route } from '@/lib/server/http';
import { listConversations } from '@/lib/server/runway/conversations';

/** Admin: a page of conversation history, newest first; `cursor` continues where the last page stopped. */
export const GET = route({ query: conversationsQuerySchema }, async ({ query }) => {
  const { cursor, ...filters } = query;
  return Response.json(await listConversations(filters, cursor), { headers: NO_STORE });
});
