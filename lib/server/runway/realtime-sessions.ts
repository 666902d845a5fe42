import 'server-only';
import RunwayML from '@runwayml/sdk';
import type { RealtimeSessionCreateParams } from '@runwayml/sdk/resources/realtime-sessions';
import { findPreset } from '@/lib/avatars/presets';
import { AppError } from '@/lib/errors';
import type { CallCredentials, SessionFailure } from '@/lib/call/types';
import { getRunway } from './client';
import { toAppError } from './errors';
import { describeFailure } from './failures';
import { retryWithin } from './retry-within';

/** Runway's realtime-session endpoints, reshaped into app types. */

export type RemoteSession = { id: string } & (
  | { phase: 'queued' | 'starting' | 'running' | 'cancelled' }
  | { phase: 'ready'; sessionKey: string }
  | { phase: 'completed'; durationSeconds: number }
  | { phase: 'failed'; failure: SessionFailure }
);

/** A client tool as session create takes it. */
export type SessionTool = NonNullable<RealtimeSessionCreateParams['tools']>[number];

/** Who holds the conversation: Runway's model with these tools, or an external integration (no tools). */
export type SessionConversation =
  { tools?: SessionTool[]; integration?: never } | { integration: RealtimeSessionCreateParams.Elevenlabs; tools?: never };

export async function createRealtimeSession(avatarId: string, maxDuration: number, conversation: SessionConversation = {}) {
  const preset = findPreset(avatarId);
  const avatar = preset ? ({ type: 'runway-preset', presetId: preset.id } as const) : ({ type: 'custom', avatarId } as const);
  try {
    // No retries: create has no idempotency key, so a retried request could start (and bill) a second session.
    const body: RealtimeSessionCreateParams = { model: 'gwm1_avatars', avatar, maxDuration, ...conversation };
    const { id } = await getRunway().realtimeSessions.create(body, { maxRetries: 0 });
    return { id };
  } catch (error) {
    throw toAppError(error, 'Avatar');
  }
}

/**
 * One status read. With `until` (a poll working to a deadline, ms since the epoch), transient faults are
 * retried without ever waiting past it (retry-within.ts); without, the SDK's default retries apply.
 */
export async function retrieveRealtimeSession(id: string, signal?: AbortSignal, until?: number): Promise<RemoteSession> {
  let session;
  try {
    session =
      until === undefined
        ? await getRunway().realtimeSessions.retrieve(id, { signal })
        : await retryWithin(until, signal, () => getRunway().realtimeSessions.retrieve(id, { signal, maxRetries: 0 }));
  } catch (error) {
    throw toAppError(error, 'Session');
  }
  const base = { id: session.id };
  switch (session.status) {
    case 'NOT_READY':
      return { ...base, phase: session.queued ? 'queued' : 'starting' };
    case 'READY':
      return { ...base, phase: 'ready', sessionKey: session.sessionKey };
    case 'RUNNING':
      return { ...base, phase: 'running' };
    case 'COMPLETED':
      return { ...base, phase: 'completed', durationSeconds: session.duration };
    case 'FAILED':
      return { ...base, phase: 'failed', failure: describeFailure(session.failureCode) };
    case 'CANCELLED':
      return { ...base, phase: 'cancelled' };
  }
}

/**
 * Trades the session key for LiveKit credentials. Single use, so never retried. The SDK has no method for it;
 * going through the client keeps one base URL, one fetch (the emulator's, in emulator mode) and one error path.
 */
export async function consumeRealtimeSession(id: string, sessionKey: string, signal?: AbortSignal): Promise<CallCredentials> {
  try {
    const { url, token, roomName } = await getRunway().post<{ url: string; token: string; roomName: string }>(
      `/v1/realtime_sessions/${encodeURIComponent(id)}/consume`,
      { headers: { Authorization: `Bearer ${sessionKey}`, 'Content-Type': 'application/json' }, maxRetries: 0, signal },
    );
    return { sessionId: id, serverUrl: url, token, roomName };
  } catch (error) {
    throw toAppError(error, 'Session');
  }
}

const ENDED = new Set<RemoteSession['phase']>(['completed', 'failed', 'cancelled']);
export const hasEnded = (phase: RemoteSession['phase']) => ENDED.has(phase);
export const alreadyEnded = (cause?: unknown) => new AppError('conflict', 'The session has already ended.', { cause });

/** Client errors on DELETE that say nothing about the session itself: bad key, no access, no such session. */
const NOT_ABOUT_THE_SESSION = new Set([401, 403, 404]);

/**
 * Cancels a session. Runway's docs say neither how DELETE answers a session that has ended nor whether a
 * READY one may be cancelled, so any other 4xx is answered by asking what the session is now: ended
 * (completed, failed, or cancelled already) is a conflict; still live means Runway would not cancel it yet
 * ('still-live'): a READY session nobody joins fails on its own, unbilled.
 */
export async function cancelRealtimeSession(id: string): Promise<'cancelled' | 'still-live'> {
  try {
    // Not retried: a retry after a lost 204 would report a session we just cancelled as "already ended".
    await getRunway().realtimeSessions.delete(id, { maxRetries: 0 });
    return 'cancelled';
  } catch (error) {
    const appError = toAppError(error, 'Session');
    const status = error instanceof RunwayML.APIError ? error.status : undefined;
    if (status === undefined || status < 400 || status >= 500 || NOT_ABOUT_THE_SESSION.has(status)) throw appError;
    const session = await retrieveRealtimeSession(id);
    if (hasEnded(session.phase)) throw alreadyEnded(error);
    return 'still-live';
  }
}
