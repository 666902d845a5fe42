import { conversationToJson, conversationToMarkdown } from '@/lib/history/conversation-export';
import { conversationParamsSchema, exportQuerySchema } from '@/lib/history/conversation-schema';
import { NO_STORE, route } from '@/lib/server/http';
import { getConversation } from '@/lib/server/runway/conversations';

/** Admin: the conversation as a Markdown or JSON download (without the expiring recording link). */
export const GET = route({ params: conversationParamsSchema, query: exportQuerySchema }, async ({ params, query }) => {
  const conversation = await getConversation(params.id);
  const markdown = query.format === 'markdown';
  const body = markdown ? conversationToMarkdown(conversation) : `${JSON.stringify(conversationToJson(conversation), null, 2)}\n`;
  return new Response(body, {
    headers: {
      ...NO_STORE,
      'Content-Type': markdown ? 'text/markdown; charset=utf-8' : 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="conversation-${conversation.id}.${markdown ? 'md' : 'json'}"`,
    },
  });
});
