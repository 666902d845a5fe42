import { AppError, isErrorCode, type ErrorBody } from '@/lib/errors';
import type { SessionPhase } from '@/lib/schemas/sessions';
import type { CallCredentials, SessionProgress, StartedSession } from '@/lib/types';

/** Browser fetchers for our own /api routes. Failures come back as the same AppError the server threw. */

async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      ...init,
      headers: init.body ? { 'Content-Type': 'application/json', ...init.headers } : init.headers,
    });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new AppError('network', 'Could not reach the server. Check your connection and try again.', { cause: error });
  }
  if (response.ok) return (response.status === 204 ? undefined : await response.json()) as T;
  const body = (await response.json().catch(() => null)) as Partial<ErrorBody> | null;
  const code = isErrorCode(body?.error?.code) ? body.error.code : 'internal';
  const retryAfter = Number(response.headers.get('retry-after')) || undefined;
  throw new AppError(code, body?.error?.message ?? `Request failed (${response.status}).`, {
    details: body?.error?.details,
    retryAfterSeconds: retryAfter,
  });
}

const sessionPath = (id: string) => `/api/sessions/${encodeURIComponent(id)}`;

export const api = {
  createSession: (avatarId: string, signal?: AbortSignal) =>
    request<StartedSession>('/api/sessions', { method: 'POST', body: JSON.stringify({ avatarId }), signal }),

  sessionProgress: (id: string, known: SessionPhase | undefined, signal?: AbortSignal) =>
    request<SessionProgress>(known ? `${sessionPath(id)}?known=${known}` : sessionPath(id), { signal }),

  consumeSession: (id: string, signal?: AbortSignal) =>
    request<CallCredentials>(`${sessionPath(id)}/consume`, { method: 'POST', signal }),

  /** `keepalive` lets the request outlive the page, for cancelling when the visitor leaves. */
  cancelSession: (id: string, options: { keepalive?: boolean } = {}) =>
    request<void>(sessionPath(id), { method: 'DELETE', keepalive: options.keepalive }),

  /** Emulator mode only: what joining the LiveKit room and `end()` do in a live call. */
  emulatedRoomEvent: (credentials: CallCredentials, event: 'join' | 'end') =>
    request<{ status: string }>(`/api/emulator/rooms/${encodeURIComponent(credentials.roomName)}`, {
      method: 'POST',
      body: JSON.stringify({ token: credentials.token, event }),
    }),
};
