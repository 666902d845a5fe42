import 'server-only';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '@/lib/errors';
import type { SessionPhase } from '@/lib/call/session-schema';
import { getEnv } from '@/lib/server/env';
import { processState } from '@/lib/server/process-state';
import {
  alreadyEnded,
  cancelRealtimeSession,
  consumeRealtimeSession,
  createRealtimeSession,
  hasEnded,
  retrieveRealtimeSession,
  type RemoteSession,
} from '@/lib/server/runway/realtime-sessions';
import { admitSession } from '@/lib/server/security/limits';
import { issueTicket, type SessionTicket } from '@/lib/server/security/session-tickets';
import type { CallCredentials, SessionProgress, StartedSession } from '@/lib/call/types';
import { assertCallable, type Caller } from './access';
import { checkSchedule, forget, rememberReady, takeFreshReady, trackCreated } from './check-schedule';
import { FIXED_ONE_SECOND } from './fixed-schedule';
import { ReadinessModel, type PollSchedule } from './readiness-model';
import { endingOf, quietly, reconcileSessions, settleSession } from './reclaim';
import { markConsumed, markReady, nextReclaimAt, registerSession } from './registry';
import { sessionBackendTools, sessionConversation } from './tools';

/**
 * A session's rules, shared by every route: who may start one and what it may cost (access, limits),
 * create (capped duration, never retried), wait for READY on the learned schedule, consume on the server,
 * and cancel whatever will not be consumed. A session holds a concurrency slot from admission until it
 * ends, and is charged the minutes it ran (reclaim.ts). The registry (registry.ts) hears of each change of
 * state: created, READY seen, consumed, ended.
 */

const sharedModel = processState('readiness-model', () => new ReadinessModel());

/** The server's schedule (SESSION_POLL_SCHEDULE): the learned model, one per process, or the fixed loop. */
const serverSchedule = (): PollSchedule => (getEnv().SESSION_POLL_SCHEDULE === 'fixed-1s' ? FIXED_ONE_SECOND : sharedModel);

export interface WaitOptions {
  signal?: AbortSignal;
  /** Injected by tests and benchmarks; routes share one schedule per server instance (SESSION_POLL_SCHEDULE). */
  model?: PollSchedule;
}

interface PollOptions extends WaitOptions {
  /** Whether this answer is the one the caller waits for. */
  done: (session: RemoteSession) => boolean;
  /** Give up this request (not the session) after this long; the caller asks again. */
  waitMs: number;
  /** Spend the first check at once instead of on the schedule (a progress report with nothing known). */
  checkAtOnce?: boolean;
}

const isPending = (phase: SessionPhase) => phase === 'queued' || phase === 'starting';

/** Whether an ended session used its minutes: only a call that ran did. */
const ranBefore = (phase: SessionPhase) => phase === 'completed' || phase === 'running';

/** The session will never run: cancel it, free its slot and give its minutes back. */
async function abandon(ticket: SessionTicket) {
  forget(ticket.sid);
  await quietly('cancel', ticket.sid, cancelRealtimeSession(ticket.sid));
  await settleSession(ticket.sid, ticket.slot, { ran: false });
}

/**
 * Admits and creates a session. The create request itself is never aborted: Runway may already have made
 * the session, and only its id lets us cancel it, which happens when the caller is gone by then.
 */
async function admitAndCreate(avatarId: string, caller: Caller, signal?: AbortSignal): Promise<SessionTicket> {
  assertCallable(avatarId, caller);
  // Sessions abandoned since the last admission give their slots and minutes back before this one is weighed.
  await reconcileSessions();
  const slot = await admitSession(caller.client, nextReclaimAt);
  let createdAt: number;
  let id: string;
  try {
    // Asked for before the clock starts (an ElevenLabs signed URL): the readiness model times READY from create.
    const conversation = await sessionConversation(avatarId);
    createdAt = Date.now();
    ({ id } = await createRealtimeSession(avatarId, getEnv().SESSION_MAX_DURATION_SECONDS, conversation));
  } catch (error) {
    await settleSession(avatarId, slot, { ran: false });
    throw error;
  }
  const ticket: SessionTicket = { sid: id, avatarId, createdAt, slot };
  await quietly('register', id, registerSession(id, slot, createdAt));
  if (signal?.aborted) {
    await abandon(ticket);
    throw signal.reason;
  }
  trackCreated(id);
  return ticket;
}

/** Step 1 of the progress-aware flow: the session, and the ticket its follow-up requests must carry. */
export async function startSession(avatarId: string, caller: Caller, signal?: AbortSignal): Promise<StartedSession> {
  const ticket = await admitAndCreate(avatarId, caller, signal);
  return {
    sessionId: ticket.sid,
    createdAt: new Date(ticket.createdAt).toISOString(),
    maxDurationSeconds: getEnv().SESSION_MAX_DURATION_SECONDS,
    ticket: await issueTicket(ticket),
  };
}

function toProgress(session: RemoteSession): SessionProgress {
  const progress: SessionProgress = { sessionId: session.id, phase: session.phase };
  if (session.phase === 'failed') progress.failure = session.failure;
  if (session.phase === 'completed') progress.durationSeconds = session.durationSeconds;
  return progress;
}

/**
 * Checks the session on the learned schedule until `done` accepts an answer or this request's `waitMs` runs
 * out. Whoever waits, a session that leaves the pending phases is reported to the model here and, if it
 * ended, settled; one still pending at its overall deadline is cancelled, and this throws.
 */
async function pollUntil(ticket: SessionTicket, options: PollOptions): Promise<RemoteSession> {
  const { signal, model = serverSchedule(), done, waitMs, checkAtOnce = false } = options;
  const deadline = ticket.createdAt + getEnv().SESSION_READY_TIMEOUT_SECONDS * 1000;
  const schedule = checkSchedule(ticket, model, deadline);
  const until = Date.now() + waitMs;
  let nextAt = checkAtOnce ? Date.now() : schedule.nextAt();
  let first = checkAtOnce;
  let checking = true;
  try {
    for (;;) {
      await sleep(Math.max(0, Math.min(nextAt, until) - Date.now()), undefined, { signal });
      const sentAt = schedule.elapsed();
      const session = await retrieveRealtimeSession(ticket.sid, signal, deadline);
      if (!isPending(session.phase)) {
        checking = false;
        schedule.left(sentAt, session.phase);
        // A session that failed or was cancelled before it ran never used its minutes.
        if (hasEnded(session.phase)) await settleSession(ticket.sid, ticket.slot, endingOf(session));
        return session;
      }
      schedule.pending(sentAt, schedule.elapsed(), first);
      first = false;
      if (Date.now() >= deadline) {
        checking = false;
        schedule.stopped();
        await abandon(ticket);
        throw new AppError('session_timeout', 'The avatar took too long to start. Please try again.');
      }
      if (done(session) || Date.now() >= until) return session;
      nextAt = schedule.nextAt();
    }
  } catch (error) {
    // The caller left (or Runway failed): this session's checks stop here, so it is no longer in flight.
    if (checking) schedule.stopped();
    throw error;
  }
}

/** Progress for the browser's status route: answers when the phase differs from `known`, or after 8 s. */
export async function waitForProgress(ticket: SessionTicket, known?: SessionPhase, options: WaitOptions = {}): Promise<SessionProgress> {
  const session = await pollUntil(ticket, {
    ...options,
    done: ({ phase }) => phase !== known,
    waitMs: 8000,
    checkAtOnce: known === undefined,
  });
  if (session.phase === 'ready') {
    rememberReady(session);
    // The consume window starts; the page consumes at once, so this happens once per session.
    await quietly('record READY for', session.id, markReady(session.id));
  }
  return toProgress(session);
}

/** Waits for READY and returns the session, whose key stays on the server. */
async function waitUntilReady(ticket: SessionTicket, options: WaitOptions & { waitMs?: number } = {}) {
  const session =
    takeFreshReady(ticket.sid) ?? (await pollUntil(ticket, { waitMs: Infinity, ...options, done: ({ phase }) => !isPending(phase) }));
  if (session.phase === 'ready') return session;
  if (session.phase === 'failed') {
    throw new AppError('session_failed', session.failure.message, { details: [{ path: 'failureCode', message: session.failure.code }] });
  }
  if (isPending(session.phase)) throw new AppError('conflict', 'The session is not ready yet.');
  throw new AppError('conflict', `The session is already ${session.phase}. Start a new call.`);
}

/**
 * A consumed session: the browser's credentials and, when the avatar has backend tools, the session whose
 * call the route serves them for after the response (`serveCall` in while-in-call.ts). That module, and the
 * native LiveKit binary behind it, is imported by the routes that consume and by no other.
 */
export interface ConsumedCall {
  credentials: CallCredentials;
  servesTools?: SessionTicket;
}

function consumed(ticket: SessionTicket, credentials: CallCredentials): ConsumedCall {
  return sessionBackendTools(ticket.avatarId).length ? { credentials, servesTools: ticket } : { credentials };
}

/**
 * Trades a READY session's key for the call's credentials, once the registry has recorded that it may run
 * from now on. A session the server already took back (its window passed) is refused: its slot and minutes
 * were returned, so it must never run.
 */
async function consumeReady(ticket: SessionTicket, session: RemoteSession & { phase: 'ready' }, signal?: AbortSignal) {
  // Without the registry (Redis unreachable for a moment) the call still starts: nothing is reclaimed meanwhile.
  const registered = await markConsumed(ticket.sid).catch(async (error: unknown) => {
    await quietly('record the consume of', ticket.sid, Promise.reject(error));
    return 'unknown' as const;
  });
  if (registered === 'reclaimed') {
    throw new AppError('conflict', 'This session waited too long to be joined and was cancelled. Start a new call.');
  }
  return consumed(ticket, await consumeRealtimeSession(ticket.sid, session.sessionKey, signal));
}

/** Credentials for a READY session. Consume is single use: a second call for the same session fails. */
export async function consumeSession(ticket: SessionTicket, signal?: AbortSignal): Promise<ConsumedCall> {
  return consumeReady(ticket, await waitUntilReady(ticket, { signal, waitMs: 10_000 }), signal);
}

/** Cancels the session and frees its slot (even when it had already ended); it is charged only what it ran. */
export async function cancelSession(ticket: SessionTicket) {
  forget(ticket.sid);
  const session = await retrieveRealtimeSession(ticket.sid);
  const { phase } = session;
  // Nothing to cancel, whatever DELETE would answer for it (Runway's docs do not say): the slot is free.
  if (hasEnded(phase)) {
    await settleSession(ticket.sid, ticket.slot, endingOf(session));
    throw alreadyEnded();
  }
  let outcome;
  try {
    outcome = await cancelRealtimeSession(ticket.sid);
  } catch (error) {
    // Only a session known to have ended gives its slot back; otherwise it may still be live, and its
    // slot expires on its own.
    if (error instanceof AppError && error.code === 'conflict') await settleSession(ticket.sid, ticket.slot, { ran: true });
    throw error;
  }
  // Runway would not cancel it yet: it is still live, so its slot stays taken until the registry reclaims
  // it (a READY session, once its consume window has passed) or its end is seen.
  if (outcome === 'still-live') return;
  await settleSession(ticket.sid, ticket.slot, { ran: ranBefore(phase) });
}

/**
 * The one-shot flow behind `<AvatarCall connectUrl>`: create → wait → consume. A session that will not be
 * consumed (timeout, client gone, failure after create) is cancelled so it never bills.
 */
export async function startCall(avatarId: string, caller: Caller, options: WaitOptions = {}): Promise<ConsumedCall> {
  const ticket = await admitAndCreate(avatarId, caller, options.signal);
  try {
    return await consumeReady(ticket, await waitUntilReady(ticket, options), options.signal);
  } catch (error) {
    // FAILED and timed-out sessions were already settled by pollUntil().
    if (!(error instanceof AppError && (error.code === 'session_failed' || error.code === 'session_timeout'))) await abandon(ticket);
    throw error;
  }
}
