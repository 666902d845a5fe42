import 'server-only';
import type { RemoteSession } from '@/lib/server/runway/realtime-sessions';
import { processState } from '@/lib/server/process-state';
import type { SessionTicket } from '@/lib/server/security/session-tickets';
import type { CheckTiming, PollSchedule } from './readiness-model';

/**
 * When to ask Runway about a session next, and what this instance remembers between its checks. The model's
 * times are ms since this instance received the create's answer (its own clock, so Runway's clock never
 * matters). Not since it sent the create: on a loaded server creates wait in line before Runway sees them,
 * and a clock started before that wait would teach the model that READY comes later than it does, by a
 * different amount in every burst. Another instance's session (the ticket names its creation time on that
 * instance's clock) is checked the same way but teaches the model nothing.
 */

interface Tracked extends CheckTiming {
  learns: boolean;
  /** Epoch ms the model's times count from. */
  origin: number;
  /** READY as a progress report saw it: consume goes straight to Runway's consume. */
  ready?: { session: ReadySession; at: number };
}

type ReadySession = RemoteSession & { phase: 'ready' };

const tracked = processState('tracked-sessions', () => new Map<string, Tracked>());
const TRACKED_MAX = 1000;
/** A READY seen this recently still holds for consume (credentials expire minutes later). */
const READY_FRESH_MS = 30_000;

function keep(sessionId: string, entry: Tracked) {
  tracked.delete(sessionId);
  tracked.set(sessionId, entry);
  if (tracked.size > TRACKED_MAX) tracked.delete(tracked.keys().next().value!);
}

const fresh = (learns: boolean, origin: number): Tracked => ({ learns, origin, receivedAt: 0, jitter: Math.random() - 0.5, probed: false });

/** A session this instance just created (its answer arrived now): its checks teach the model. */
export function trackCreated(sessionId: string) {
  keep(sessionId, fresh(true, Date.now()));
}

export function forget(sessionId: string) {
  tracked.delete(sessionId);
}

/** A READY that a progress report saw, kept so that consume need not check again. */
export function rememberReady(session: ReadySession) {
  const entry = tracked.get(session.id) ?? fresh(false, Date.now());
  keep(session.id, { ...entry, ready: { session, at: Date.now() } });
}

/** The READY a progress report saw, once, if it is recent enough to consume. */
export function takeFreshReady(sessionId: string): ReadySession | undefined {
  const ready = tracked.get(sessionId)?.ready;
  if (!ready) return undefined;
  tracked.delete(sessionId);
  return Date.now() - ready.at < READY_FRESH_MS ? ready.session : undefined;
}

/**
 * One session's schedule for one request: when to send the next check (epoch ms, never past `deadline`) and
 * what each check saw, which it reports to the model.
 */
export function checkSchedule(ticket: SessionTicket, model: PollSchedule, deadline: number) {
  const sessionId = ticket.sid;
  const entry = tracked.get(sessionId) ?? fresh(false, ticket.createdAt);
  const { origin } = entry;
  return {
    /** When the next check should go out. */
    nextAt: () => Math.min(origin + model.nextCheckAt(entry), deadline),
    /** Ms on the model's clock. */
    elapsed: () => Date.now() - origin,
    /** A check sent at `sentAt` saw the session pending. `first` marks a check spent at once, off the schedule. */
    pending(sentAt: number, receivedAt: number, first: boolean) {
      if (first && entry.pendingAt === undefined) entry.probed = true;
      Object.assign(entry, { pendingAt: sentAt, receivedAt });
      model.pending(sessionId, sentAt, origin);
      keep(sessionId, entry);
    },
    /** A check sent at `sentAt` saw the session leave the pending phases. */
    left(sentAt: number, phase: RemoteSession['phase']) {
      if (phase === 'ready' && entry.learns) model.record(entry.pendingAt ?? 0, sentAt, sessionId, origin);
      else model.settle(sessionId);
      tracked.delete(sessionId);
    },
    /** This session's checks stop without an answer to learn from (timeout, caller gone, Runway failed). */
    stopped() {
      model.settle(sessionId);
    },
  };
}
