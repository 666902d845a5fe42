import { conversationParamsSchema } from '@/lib/history/conversation-schema';
import { NO_STORE, route } from '@/lib/server/http';
import { deleteConversation, getConversation } from '@/lib/server/runway/conversations';

/** Admin: one conversation with a fresh recording link (never cached), or delete it and its data at Runway. */
export const GET = route({ params: conversationParamsSchema }, async ({ params }) =>
  Response.json(await getConversation(params.id), { headers: NO_STORE }),
);

export const DELETE = route({ params: conversationParamsSchema }, async ({ params }) => {
  await deleteConversation(params.id);
  return new Response(null, { status: 204, headers: NO_STORE });
});
