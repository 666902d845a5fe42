import { request } from '@/lib/api-request';
import type { SessionPhase } from '@/lib/call/session-schema';
import { TICKET_HEADER } from '@/lib/call/session-ticket-header';
import type { BackendToolCall, CallCredentials, SessionProgress, StartedSession } from '@/lib/call/types';

/** A session this page created: follow-up requests prove it with the ticket from create. */
export type SessionHandle = Pick<StartedSession, 'sessionId' | 'ticket'>;

const sessionPath = ({ sessionId }: SessionHandle) => `/api/sessions/${encodeURIComponent(sessionId)}`;
const withTicket = ({ ticket }: SessionHandle) => ({ [TICKET_HEADER]: ticket });

/** The call page's requests for one session, from create to cancel. */
export const sessionApi = {
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
};
