import { request } from '@/lib/api-request';
import type { VideoTask } from '@/lib/videos/types';
import type { TextVideoBody } from '@/lib/videos/video-schema';

/** Browser fetchers for one-off avatar videos: start a render from text or audio, then follow its task (admin only). */
export const videoApi = {
  renderText: (body: TextVideoBody) => request<{ taskId: string }>('/api/avatar-videos', { method: 'POST', body: JSON.stringify(body) }),

  renderAudio: (avatarId: string, file: Blob, type: string) =>
    request<{ taskId: string }>(`/api/avatar-videos/audio?avatarId=${encodeURIComponent(avatarId)}`, {
      method: 'POST',
      body: file,
      headers: { 'Content-Type': type },
    }),

  task: (id: string, signal?: AbortSignal) => request<VideoTask>(`/api/tasks/${encodeURIComponent(id)}`, { signal }),
};
