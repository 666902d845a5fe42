import 'server-only';
import { AppError } from '@/lib/errors';
import type { SessionPhase } from '@/lib/schemas/sessions';
import { getEnv } from '@/lib/server/env';
import {
  cancelRealtimeSession,
  consumeRealtimeSession,
  createRealtimeSession,
  retrieveRealtimeSession,
  type RemoteSession,
} from '@/lib/server/runway/realtime-sessions';
import type { CallCredentials, SessionProgress, StartedSession } from '@/lib/types';
import { describeFailure } from './failures';
import { ReadinessModel } from './readiness-model';

/**
 * A session's rules, shared by every route: create (capped duration, no retries), wait for READY on the
 * learned schedule, consume on the server, and cancel whatever will not be consumed.
 */

const sharedModel = new ReadinessModel();

export interface WaitOptions {
  signal?: AbortSignal;
  model?: ReadinessModel;
  /** Return as soon as the phase differs from this one. */
  known?: SessionPhase;
  /** Give up this request (not the session) after this long; the caller polls again. */
  waitMs?: number;
}

export async function createSession(avatarId: string, signal?: AbortSignal): Promise<StartedSession> {
  const maxDurationSeconds = getEnv().SESSION_MAX_DURATION_SECONDS;
  const { id } = await createRealtimeSession(avatarId, maxDurationSeconds, signal);
  return { sessionId: id, createdAt: new Date().toISOString(), maxDurationSeconds };
}

function toProgress(session: RemoteSession): SessionProgress {
  const progress: SessionProgress = { sessionId: session.id, phase: session.phase };
  if (session.phase === 'failed') progress.failure = describeFailure(session.failureCode);
  if (session.phase === 'completed') progress.durationSeconds = session.durationSeconds;
  return progress;
}

function sleep(ms: number, signal?: AbortSignal) {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(done, Math.max(0, ms));
    function done() {
      signal?.removeEventListener('abort', abort);
      resolve();
    }
    function abort() {
      clearTimeout(timer);
      reject(signal?.reason);
    }
    signal?.addEventListener('abort', abort, { once: true });
  });
}

/** Per session: when it was created and last seen pending, so a follow-up request resumes the schedule. */
const checks = new Map<string, { createdAtMs: number; lastCheck: number }>();
const CHECKS_KEPT = 1000;

function remember(sessionId: string, createdAtMs: number, lastCheck: number) {
  checks.delete(sessionId);
  checks.set(sessionId, { createdAtMs, lastCheck });
  if (checks.size > CHECKS_KEPT) checks.delete(checks.keys().next().value!);
}

const isPending = (phase: SessionPhase) => phase === 'queued' || phase === 'starting';

/**
 * Polls on the learned schedule until the session leaves the pending phases (or, with `known`, until its
 * phase differs from what the caller knows), this request's `waitMs` runs out, or the session's overall
 * deadline passes, in which case the session is cancelled and this throws.
 */
async function watch(sessionId: string, options: WaitOptions): Promise<RemoteSession> {
  const { signal, model = sharedModel, known, waitMs = Infinity } = options;
  const deadlineMs = getEnv().SESSION_READY_TIMEOUT_SECONDS * 1000;
  const until = Date.now() + waitMs;
  const resumed = known && isPending(known) ? checks.get(sessionId) : undefined;
  let nextAt = resumed ? resumed.createdAtMs + model.nextCheckAt(resumed.lastCheck + model.minGapMs) : Date.now();
  let lastCheck = resumed?.lastCheck;
  for (;;) {
    await sleep(Math.min(nextAt, until) - Date.now(), signal);
    const session = await retrieveRealtimeSession(sessionId, signal);
    const elapsed = Date.now() - session.createdAtMs;
    if (!isPending(session.phase)) {
      if (session.phase === 'ready' && lastCheck !== undefined) model.record(lastCheck, elapsed);
      checks.delete(sessionId);
      return session;
    }
    remember(sessionId, session.createdAtMs, elapsed);
    if (elapsed >= deadlineMs) {
      checks.delete(sessionId);
      await cancelQuietly(sessionId);
      throw new AppError('session_timeout', 'The avatar took too long to start. Please try again.');
    }
    if ((known && session.phase !== known) || Date.now() >= until) return session;
    lastCheck = elapsed;
    nextAt = session.createdAtMs + Math.min(model.nextCheckAt(elapsed + model.minGapMs), deadlineMs);
  }
}

/** Progress for the browser's status route: answers when the phase changes or after `waitMs`. */
export async function waitForProgress(sessionId: string, options: WaitOptions = {}): Promise<SessionProgress> {
  return toProgress(await watch(sessionId, { waitMs: 8000, ...options }));
}

/** Waits for READY and returns the session key, which stays on the server. */
async function waitUntilReady(sessionId: string, options: WaitOptions = {}) {
  const session = await watch(sessionId, { ...options, known: undefined });
  if (session.phase === 'ready') return session;
  if (session.phase === 'failed') {
    const { message, code } = describeFailure(session.failureCode);
    throw new AppError('session_failed', message, { details: [{ path: 'failureCode', message: code }] });
  }
  if (isPending(session.phase)) throw new AppError('conflict', 'The session is not ready yet.');
  throw new AppError('conflict', `The session is already ${session.phase}. Start a new call.`);
}

/** Credentials for a READY session. Consume is single use: a second call for the same session fails. */
export async function consumeSession(sessionId: string, signal?: AbortSignal): Promise<CallCredentials> {
  const session = await waitUntilReady(sessionId, { signal, waitMs: 10_000 });
  return consumeRealtimeSession(sessionId, session.sessionKey, signal);
}

export async function cancelSession(sessionId: string) {
  checks.delete(sessionId);
  await cancelRealtimeSession(sessionId);
}

/** Best effort, for clean-up paths: the original error matters more than a failed cancel. */
async function cancelQuietly(sessionId: string) {
  await cancelSession(sessionId).catch((error: unknown) => {
    console.warn(`[sessions] could not cancel ${sessionId}: ${error instanceof Error ? error.message : 'unknown error'}`);
  });
}

/**
 * The one-shot flow behind `<AvatarCall connectUrl>`: create → wait → consume. A session that will not be
 * consumed (timeout, client gone, failure after create) is cancelled so it never bills.
 */
export async function startCall(avatarId: string, options: WaitOptions = {}): Promise<CallCredentials> {
  const { sessionId } = await createSession(avatarId, options.signal);
  try {
    const ready = await waitUntilReady(sessionId, options);
    return await consumeRealtimeSession(sessionId, ready.sessionKey, options.signal);
  } catch (error) {
    if (!(error instanceof AppError && (error.code === 'session_failed' || error.code === 'session_timeout'))) {
      await cancelQuietly(sessionId);
    }
    throw error;
  }
}
