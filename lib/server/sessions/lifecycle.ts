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
import { ReadinessModel } from './readiness-model';

/**
 * A session's rules, shared by every route: create (capped duration, never retried), wait for READY on the
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
}

/**
 * What this server instance knows of the sessions it is provisioning: when it created them (its own clock,
 * so Runway's clock never matters) and when it last saw them pending. Bounded; another instance that has
 * no entry falls back to Runway's `createdAt`.
 */
const tracked = new Map<string, { createdAtMs: number; lastCheck?: number }>();
const TRACKED_MAX = 1000;

function track(sessionId: string, entry: { createdAtMs: number; lastCheck?: number }) {
  tracked.delete(sessionId);
  tracked.set(sessionId, entry);
  if (tracked.size > TRACKED_MAX) tracked.delete(tracked.keys().next().value!);
}

const isPending = (phase: SessionPhase) => phase === 'queued' || phase === 'starting';

/** Best effort, for clean-up paths: the original error matters more than a failed cancel. */
async function cancelQuietly(sessionId: string) {
  await cancelSession(sessionId).catch((error: unknown) => {
    console.warn(`[sessions] could not cancel ${sessionId}: ${error instanceof Error ? error.message : 'unknown error'}`);
  });
}

/**
 * Creates the session. The create request itself is never aborted: Runway may already have made the
 * session, and only its id lets us cancel it, which happens when the caller is gone by then.
 */
export async function createSession(avatarId: string, signal?: AbortSignal): Promise<StartedSession> {
  const maxDurationSeconds = getEnv().SESSION_MAX_DURATION_SECONDS;
  const createdAtMs = Date.now();
  const { id } = await createRealtimeSession(avatarId, maxDurationSeconds);
  if (signal?.aborted) {
    await cancelQuietly(id);
    throw signal.reason;
  }
  track(id, { createdAtMs });
  return { sessionId: id, createdAt: new Date(createdAtMs).toISOString(), maxDurationSeconds };
}

function toProgress(session: RemoteSession): SessionProgress {
  const progress: SessionProgress = { sessionId: session.id, phase: session.phase };
  if (session.phase === 'failed') progress.failure = session.failure;
  if (session.phase === 'completed') progress.durationSeconds = session.durationSeconds;
  return progress;
}

/**
 * Polls on the learned schedule until the session leaves the pending phases (or, with `reportChanges`,
 * until its phase differs from `known`), this request's `waitMs` runs out, or the session's overall
 * deadline passes, in which case the session is cancelled and this throws.
 */
async function watch(sessionId: string, options: WatchOptions): Promise<RemoteSession> {
  const { signal, model = sharedModel, known, reportChanges, waitMs } = options;
  const deadlineMs = getEnv().SESSION_READY_TIMEOUT_SECONDS * 1000;
  const until = Date.now() + waitMs;
  const entry = tracked.get(sessionId);
  let lastCheck = known && isPending(known) ? entry?.lastCheck : undefined;
  // A progress report with nothing known answers at once; everything else follows the schedule.
  const scheduled = entry !== undefined && !(reportChanges && known === undefined);
  let nextAt = scheduled ? entry.createdAtMs + model.nextCheckAt(lastCheck === undefined ? 0 : lastCheck + model.minGapMs) : Date.now();
  for (;;) {
    await sleep(Math.max(0, Math.min(nextAt, until) - Date.now()), undefined, { signal });
    const session = await retrieveRealtimeSession(sessionId, signal);
    const createdAtMs = tracked.get(sessionId)?.createdAtMs ?? Math.min(session.createdAtMs, Date.now());
    const elapsed = Date.now() - createdAtMs;
    if (!isPending(session.phase)) {
      // Learn only from transitions watched from a pending check, or from creation on this schedule.
      if (session.phase === 'ready' && lastCheck !== undefined) model.record(lastCheck, elapsed);
      else if (session.phase === 'ready' && scheduled) model.recordFirstCheck(elapsed);
      tracked.delete(sessionId);
      return session;
    }
    track(sessionId, { createdAtMs, lastCheck: elapsed });
    if (elapsed >= deadlineMs) {
      tracked.delete(sessionId);
      await cancelQuietly(sessionId);
      throw new AppError('session_timeout', 'The avatar took too long to start. Please try again.');
    }
    if ((reportChanges && session.phase !== known) || Date.now() >= until) return session;
    lastCheck = elapsed;
    nextAt = createdAtMs + Math.min(model.nextCheckAt(elapsed + model.minGapMs), deadlineMs);
  }
}

/** Progress for the browser's status route: answers when the phase differs from `known`, or after 8 s. */
export async function waitForProgress(sessionId: string, known?: SessionPhase, options: WaitOptions = {}): Promise<SessionProgress> {
  return toProgress(await watch(sessionId, { ...options, known, reportChanges: true, waitMs: 8000 }));
}

/** Waits for READY and returns the session, whose key stays on the server. */
async function waitUntilReady(sessionId: string, options: WaitOptions & { waitMs?: number } = {}) {
  const session = await watch(sessionId, { waitMs: Infinity, ...options, reportChanges: false });
  if (session.phase === 'ready') return session;
  if (session.phase === 'failed') {
    throw new AppError('session_failed', session.failure.message, { details: [{ path: 'failureCode', message: session.failure.code }] });
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
  tracked.delete(sessionId);
  await cancelRealtimeSession(sessionId);
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
