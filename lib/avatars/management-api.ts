import { AppError, errorFromBody } from '@/lib/errors';
import { request } from '@/lib/api-request';
import type { CustomVoice, KnowledgeDocument, ManagedAvatar, Page, UploadedFile, VoicePreview } from '@/lib/avatars/types';
import type { AvatarCreateInput, AvatarUpdateInput } from '@/lib/avatars/avatar-schema';
import type { UploadPurpose } from '@/lib/avatars/upload-schema';
import type { VoiceCreateInput } from '@/lib/avatars/voice-schema';

/** Browser fetchers for the admin's avatar, document, voice and upload routes. */

const json = (method: string, body?: unknown): RequestInit => ({ method, body: body === undefined ? undefined : JSON.stringify(body) });
const at = (base: string, id: string) => `${base}/${encodeURIComponent(id)}`;

export const managementApi = {
  listAvatars: (cursor?: string) =>
    request<Page<ManagedAvatar>>(`/api/avatars?limit=24${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
  avatar: (id: string, signal?: AbortSignal) => request<ManagedAvatar>(at('/api/avatars', id), { signal }),
  createAvatar: (body: AvatarCreateInput) => request<ManagedAvatar>('/api/avatars', json('POST', body)),
  updateAvatar: (id: string, body: AvatarUpdateInput) => request<ManagedAvatar>(at('/api/avatars', id), json('PATCH', body)),
  deleteAvatar: (id: string) => request<void>(at('/api/avatars', id), { method: 'DELETE' }),

  listDocuments: (cursor?: string) =>
    request<Page<KnowledgeDocument>>(`/api/documents?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
  document: (id: string) => request<KnowledgeDocument>(at('/api/documents', id)),
  createDocument: (body: { name: string; content: string }) => request<KnowledgeDocument>('/api/documents', json('POST', body)),
  updateDocument: (id: string, body: { name?: string; content?: string }) =>
    request<KnowledgeDocument>(at('/api/documents', id), json('PATCH', body)),
  deleteDocument: (id: string) => request<void>(at('/api/documents', id), { method: 'DELETE' }),

  voice: (id: string, signal?: AbortSignal) => request<CustomVoice>(at('/api/voices', id), { signal }),
  createVoice: (body: VoiceCreateInput) => request<CustomVoice>('/api/voices', json('POST', body)),
  renameVoice: (id: string, name: string) => request<CustomVoice>(at('/api/voices', id), json('PATCH', { name })),
  deleteVoice: (id: string) => request<void>(at('/api/voices', id), { method: 'DELETE' }),
  previewVoice: (body: { prompt: string; model: string }) => request<VoicePreview>('/api/voices/preview', json('POST', body)),
};

/**
 * POST /api/uploads with XMLHttpRequest, the one browser API that reports upload progress.
 * `onProgress` gets a fraction from 0 to 1; failures reject with the server's AppError.
 */
export function uploadFile(file: File, purpose: UploadPurpose, onProgress: (fraction: number) => void, signal?: AbortSignal) {
  return new Promise<UploadedFile>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const form = new FormData();
    form.append('purpose', purpose);
    form.append('file', file);
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    });
    xhr.addEventListener('load', () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // A proxy's HTML error page (Vercel's 413, for one) is not our JSON: fall through to a generic error.
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body as UploadedFile);
      const message = xhr.status === 413 ? 'The file is too large for the server.' : `Upload failed (${xhr.status}).`;
      // Shown next to the file field, whatever went wrong.
      const error = errorFromBody(body, { message });
      reject(new AppError(error.code, error.message, { details: error.options.details ?? [{ path: 'file', message: error.message }] }));
    });
    xhr.addEventListener('error', () =>
      reject(new AppError('network', 'The upload did not reach the server. Check your connection and try again.')),
    );
    xhr.addEventListener('abort', () => reject(new DOMException('Upload cancelled', 'AbortError')));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.open('POST', '/api/uploads');
    xhr.send(form);
  });
}
