import { request } from '@/lib/api-request';
import type { ConversationPage } from '@/lib/history/types';
import type { HistoryFilters } from '@/lib/history/conversation-schema';

/** Browser fetchers for the history and conversation routes (admin only). */
export const historyApi = {
  conversations: (filters: HistoryFilters, cursor: string) => {
    const set = Object.entries(filters).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
    const query = new URLSearchParams([...set, ['cursor', cursor]]);
    return request<ConversationPage>(`/api/conversations?${query}`);
  },

  deleteConversation: (id: string) => request<void>(`/api/conversations/${encodeURIComponent(id)}`, { method: 'DELETE' }),
};
