import { request } from '@/lib/api-client';
import type { ConversationPage, VideoTask } from '@/lib/history-types';
import type { HistoryFilters } from '@/lib/schemas/conversations';
import type { TextVideoBody } from '@/lib/schemas/avatar-video';

/** Browser fetchers for the history, conversation and avatar-video routes (admin only). */
export const historyApi = {
  conversations: (filters: HistoryFilters, cursor: string) => {
    const set = Object.entries(filters).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
    const query = new URLSearchParams([...set, ['cursor', cursor]]);
    return request<ConversationPage>(`/api/conversations?${query}`);
  },

  deleteConversation: (id: string) => request<void>(`/api/conversations/${encodeURIComponent(id)}`, { method: 'DELETE' }),

  renderText: (body: TextVideoBody) => request<{ taskId: string }>('/api/avatar-videos', { method: 'POST', body: JSON.stringify(body) }),

  renderAudio: (avatarId: string, file: Blob, type: string) =>
    request<{ taskId: string }>(`/api/avatar-videos/audio?avatarId=${encodeURIComponent(avatarId)}`, {
      method: 'POST',
      body: file,
      headers: { 'Content-Type': type },
    }),

  task: (id: string, signal?: AbortSignal) => request<VideoTask>(`/api/tasks/${encodeURIComponent(id)}`, { signal }),
};
