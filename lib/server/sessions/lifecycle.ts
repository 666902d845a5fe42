import 'server-only';
import { setTimeout as sleep } from 'node:timers/promises';
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
  /** Injected by tests and benchmarks; routes share one model per server instance. */
  model?: ReadinessModel;
}

interface WatchOptions extends WaitOptions {
  /** With `reportChanges`, return as soon as the phase differs from this one (undefined: at the first check). */
  known?: SessionPhase;
  reportChanges: boolean;
  /** Give up this request (not the session) after this long; the caller asks again. */
  waitMs: number;
  /** When this server created the session, so even the first check can follow the schedule. */
  createdAtMs?: number;
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
async function watch(sessionId: string, options: WatchOptions): Promise<RemoteSession> {
  const { signal, model = sharedModel, known, reportChanges, waitMs } = options;
  const deadlineMs = getEnv().SESSION_READY_TIMEOUT_SECONDS * 1000;
  const until = Date.now() + waitMs;
  const resumed = known && isPending(known) ? checks.get(sessionId) : undefined;
  let lastCheck = resumed?.lastCheck;
  const anchor = resumed?.createdAtMs ?? options.createdAtMs;
  let nextAt = anchor === undefined ? Date.now() : anchor + model.nextCheckAt(lastCheck === undefined ? 0 : lastCheck + model.minGapMs);
  for (;;) {
    await sleep(Math.max(0, Math.min(nextAt, until) - Date.now()), undefined, { signal });
    const session = await retrieveRealtimeSession(sessionId, signal);
    const elapsed = Date.now() - session.createdAtMs;
    if (!isPending(session.phase)) {
      // Learn only from transitions this server watched from creation or from an earlier pending check.
      if (session.phase === 'ready' && lastCheck !== undefined) model.record(lastCheck, elapsed);
      else if (session.phase === 'ready' && options.createdAtMs !== undefined) model.recordFirstCheck(elapsed);
      checks.delete(sessionId);
      return session;
    }
    remember(sessionId, session.createdAtMs, elapsed);
    if (elapsed >= deadlineMs) {
      checks.delete(sessionId);
      await cancelQuietly(sessionId);
      throw new AppError('session_timeout', 'The avatar took too long to start. Please try again.');
    }
    if ((reportChanges && session.phase !== known) || Date.now() >= until) return session;
    lastCheck = elapsed;
    nextAt = session.createdAtMs + Math.min(model.nextCheckAt(elapsed + model.minGapMs), deadlineMs);
  }
}

/** Progress for the browser's status route: answers when the phase differs from `known`, or after 8 s. */
export async function waitForProgress(sessionId: string, known?: SessionPhase, options: WaitOptions = {}): Promise<SessionProgress> {
  return toProgress(await watch(sessionId, { ...options, known, reportChanges: true, waitMs: 8000 }));
}

/** Waits for READY and returns the session key, which stays on the server. */
async function waitUntilReady(sessionId: string, options: WaitOptions & Partial<Pick<WatchOptions, 'waitMs' | 'createdAtMs'>> = {}) {
  const session = await watch(sessionId, { waitMs: Infinity, ...options, reportChanges: false });
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
  const createdAtMs = Date.now();
  const { sessionId } = await createSession(avatarId, options.signal);
  try {
    const ready = await waitUntilReady(sessionId, { ...options, createdAtMs });
    return await consumeRealtimeSession(sessionId, ready.sessionKey, options.signal);
  } catch (error) {
    if (!(error instanceof AppError && (error.code === 'session_failed' || error.code === 'session_timeout'))) {
      await cancelQuietly(sessionId);
    }
    throw error;
  }
}
