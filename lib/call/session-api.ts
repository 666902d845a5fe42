import { AppError, errorFromBody } from '@/lib/errors';
import type { SessionPhase } from '@/lib/schemas/sessions';
import { TICKET_HEADER } from '@/lib/session-ticket-header';
import type { BackendToolCall, CallCredentials, SessionProgress, StartedSession } from '@/lib/types';

/** Browser fetchers for our own /api routes. Failures come back as the same AppError the server threw. */

export async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
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
  throw errorFromBody(await response.json().catch(() => null), {
    message: `Request failed (${response.status}).`,
    retryAfterSeconds: Number(response.headers.get('retry-after')) || undefined,
  });
}

/** A session this page created: follow-up requests prove it with the ticket from create. */
export type SessionHandle = Pick<StartedSession, 'sessionId' | 'ticket'>;

const sessionPath = ({ sessionId }: SessionHandle) => `/api/sessions/${encodeURIComponent(sessionId)}`;
const withTicket = ({ ticket }: SessionHandle) => ({ [TICKET_HEADER]: ticket });

export const api = {
  createSession: (avatarId: string) => request<StartedSession>('/api/sessions', { method: 'POST', body: JSON.stringify({ avatarId }) }),

  sessionProgress: (session: SessionHandle, known: SessionPhase | undefined, signal?: AbortSignal) =>
    request<SessionProgress>(known ? `${sessionPath(session)}?known=${known}` : sessionPath(session), {
      headers: withTicket(session),
      signal,
    }),

  consumeSession: (session: SessionHandle, signal?: AbortSignal) =>
    request<CallCredentials>(`${sessionPath(session)}/consume`, { method: 'POST', headers: withTicket(session), signal }),

  /** The backend tool calls of this session's call after the first `after`. */
  toolCalls: (session: SessionHandle, after: number, signal?: AbortSignal) =>
    request<{ calls: BackendToolCall[] }>(`${sessionPath(session)}/tool-calls?after=${after}`, { headers: withTicket(session), signal }),

  /** `keepalive` lets the request outlive the page, for cancelling when the visitor leaves. */
  cancelSession: (session: SessionHandle, options: { keepalive?: boolean } = {}) =>
    request<void>(sessionPath(session), { method: 'DELETE', headers: withTicket(session), keepalive: options.keepalive }),

  login: (password: string) => request<{ ok: true }>('/api/auth/login', { method: 'POST', body: JSON.stringify({ password }) }),

  logout: () => request<{ ok: true }>('/api/auth/logout', { method: 'POST' }),
};
