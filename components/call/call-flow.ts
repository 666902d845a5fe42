import type { SessionHandle } from '@/lib/call/session-api';
import type { ErrorCode } from '@/lib/errors';
import type { SessionPhase } from '@/lib/call/session-schema';
import type { CallCredentials, SessionProgress, StartedSession } from '@/lib/call/types';
import type { TranscriptLine } from './call-model';

/**
 * The browser side of a call as a pure state machine: events in, the next state and the effects to run out
 * (no timers, no fetches: `use-session-flow.ts` runs them). Each start() is a new attempt with a new session,
 * so retry and "call again" never reuse consumed credentials. Results of an attempt that was given up are
 * ignored, except a session it created, which is cancelled: a session this page will not finish cleanly
 * (cancel, failure, leaving the page before the call connected, media that never connected) must neither
 * bill nor hold a slot.
 */

export type TimelineEvent = 'created' | 'queued' | 'starting' | 'ready' | 'consumed' | 'connected' | 'ended' | 'failed' | 'cancelled';

export interface TimelineEntry {
  event: TimelineEvent;
  at: number;
}

export interface FlowFailure {
  code: ErrorCode | 'connection';
  message: string;
}

export type FlowState =
  | { step: 'idle' }
  | { step: 'provisioning'; phase: 'creating' | 'queued' | 'starting' | 'connecting'; sessionId?: string }
  | { step: 'in-call'; session: SessionHandle; credentials: CallCredentials; startedAt: number }
  /** The transcript is the call stage's last word: it reports it when the call ends. */
  | { step: 'ended'; sessionId: string; durationSeconds: number; transcript: TranscriptLine[] }
  | { step: 'failed'; failure: FlowFailure; sessionId?: string };

export interface Flow {
  state: FlowState;
  timeline: TimelineEntry[];
  /** The current attempt's number; 0 before the first start and after one is given up. */
  attempt: number;
  /** Attempts are numbered from 1; the next start takes this one. */
  nextAttempt: number;
  /** The session the current attempt created, once create has answered. */
  session?: StartedSession;
  /** The media connection came up: an `ended` before that is a failed connection, not a call. */
  connected: boolean;
}

export const INITIAL_FLOW: Flow = { state: { step: 'idle' }, timeline: [], attempt: 0, nextAttempt: 1, connected: false };

/** What the hook does for the machine. Each request names its attempt, and so does the event it answers with. */
export type FlowEffect =
  | { type: 'create'; attempt: number }
  | { type: 'poll'; attempt: number; session: SessionHandle; known?: SessionPhase }
  | { type: 'consume'; attempt: number; session: SessionHandle }
  | { type: 'abort'; attempt: number }
  /** `keepalive` lets the request outlive the page. */
  | { type: 'cancel'; session: SessionHandle; keepalive: boolean }
  /** One last status read after a clean end: it lets the server see COMPLETED and free the slot early. */
  | { type: 'final-poll'; session: SessionHandle };

export type FlowEvent =
  | { type: 'start' }
  | { type: 'created'; attempt: number; session: StartedSession }
  | { type: 'progress'; attempt: number; progress: SessionProgress; known?: SessionPhase }
  | { type: 'consumed'; attempt: number; credentials: CallCredentials }
  | { type: 'request-failed'; attempt: number; failure: FlowFailure }
  | { type: 'connected' }
  /** The SDK's onEnd, with the call's transcript: it can fire twice (disconnect and end()), and also when it never connected. */
  | { type: 'ended'; transcript: TranscriptLine[] }
  | { type: 'connection-failed'; message?: string }
  | { type: 'cancel' }
  /** The page is going away (tab closed, reload, navigation, unmount). */
  | { type: 'page-hidden' }
  /** The page came back from the back/forward cache: its session was cancelled on the way out. */
  | { type: 'page-restored' };

export const CONNECTION_FAILED = 'Could not connect to the video call. Check your network (WebRTC may be blocked), then retry.';

// The server already cancelled these sessions, or Runway ended them.
const SETTLED_BY_SERVER = new Set<FlowFailure['code']>(['session_failed', 'session_timeout']);

type Step = { flow: Flow; effects: FlowEffect[] };

const mark = (flow: Flow, event: TimelineEvent, now: number): TimelineEntry[] => [...flow.timeline, { event, at: now }];

/** The attempt is over: only the timeline, with its last event, and what the screen shows are kept. */
const closed = (flow: Flow, event: TimelineEvent, state: FlowState, now: number): Flow => ({
  ...flow,
  attempt: 0,
  session: undefined,
  connected: false,
  timeline: mark(flow, event, now),
  state,
});

/** Gives up the current attempt: its requests stop, and its session (if create answered) is cancelled. */
function release(flow: Flow, keepalive: boolean): Step {
  if (!flow.attempt) return { flow, effects: [] };
  const effects: FlowEffect[] = [{ type: 'abort', attempt: flow.attempt }];
  if (flow.session) effects.push({ type: 'cancel', session: flow.session, keepalive });
  return { flow: { ...flow, attempt: 0, session: undefined, connected: false }, effects };
}

function fail(flow: Flow, failure: FlowFailure, now: number): Step {
  const session = flow.session;
  const effects: FlowEffect[] = [{ type: 'abort', attempt: flow.attempt }];
  if (session && !SETTLED_BY_SERVER.has(failure.code)) effects.push({ type: 'cancel', session, keepalive: false });
  return { flow: closed(flow, 'failed', { step: 'failed', failure, sessionId: session?.sessionId }, now), effects };
}

function onProgress(flow: Flow, session: StartedSession, progress: SessionProgress, known: SessionPhase | undefined, now: number): Step {
  const { attempt } = flow;
  // The long poll answered with nothing new: ask again.
  if (progress.phase === known) return { flow, effects: [{ type: 'poll', attempt, session, known }] };
  switch (progress.phase) {
    case 'queued':
    case 'starting':
      return {
        flow: {
          ...flow,
          timeline: mark(flow, progress.phase, now),
          state: { step: 'provisioning', phase: progress.phase, sessionId: session.sessionId },
        },
        effects: [{ type: 'poll', attempt, session, known: progress.phase }],
      };
    case 'ready':
      return {
        flow: {
          ...flow,
          timeline: mark(flow, 'ready', now),
          state: { step: 'provisioning', phase: 'connecting', sessionId: session.sessionId },
        },
        effects: [{ type: 'consume', attempt, session }],
      };
    case 'failed':
      return fail(flow, { code: 'session_failed', message: progress.failure?.message ?? 'The avatar could not start.' }, now);
    default:
      return fail(flow, { code: 'conflict', message: `The session ended before the call started (${progress.phase}).` }, now);
  }
}

export function flowStep(flow: Flow, event: FlowEvent, now: number): Step {
  // An answer to an attempt that was given up changes nothing, but a session it created must not live on.
  if ('attempt' in event && event.attempt !== flow.attempt) {
    return event.type === 'created'
      ? { flow, effects: [{ type: 'cancel', session: event.session, keepalive: true }] }
      : { flow, effects: [] };
  }
  switch (event.type) {
    case 'start': {
      const released = release(flow, false);
      const attempt = flow.nextAttempt;
      return {
        flow: {
          ...released.flow,
          attempt,
          nextAttempt: attempt + 1,
          timeline: [],
          state: { step: 'provisioning', phase: 'creating' },
        },
        effects: [...released.effects, { type: 'create', attempt }],
      };
    }
    case 'created':
      return {
        flow: { ...flow, session: event.session, timeline: mark(flow, 'created', now) },
        effects: [{ type: 'poll', attempt: flow.attempt, session: event.session }],
      };
    case 'progress':
      return flow.session ? onProgress(flow, flow.session, event.progress, event.known, now) : { flow, effects: [] };
    case 'consumed': {
      const session = flow.session!;
      // The call's end comes from the page's configuration (SESSION_MAX_DURATION_SECONDS): one source.
      return {
        flow: {
          ...flow,
          timeline: mark(flow, 'consumed', now),
          state: { step: 'in-call', session, credentials: event.credentials, startedAt: now },
        },
        effects: [],
      };
    }
    case 'request-failed':
      return fail(flow, event.failure, now);
    case 'connected':
      if (flow.state.step !== 'in-call') return { flow, effects: [] };
      return { flow: { ...flow, connected: true, timeline: mark(flow, 'connected', now) }, effects: [] };
    case 'ended': {
      const { state } = flow;
      if (state.step !== 'in-call') return { flow, effects: [] };
      if (!flow.connected) return flowStep(flow, { type: 'connection-failed' }, now);
      const ended: FlowState = {
        step: 'ended',
        sessionId: state.credentials.sessionId,
        durationSeconds: Math.round((now - state.startedAt) / 1000),
        transcript: event.transcript,
      };
      return {
        flow: closed(flow, 'ended', ended, now),
        effects: [{ type: 'final-poll', session: state.session }],
      };
    }
    case 'connection-failed': {
      const { state } = flow;
      if (state.step !== 'in-call' || !flow.attempt) return { flow, effects: [] };
      const released = release(flow, false);
      return {
        flow: {
          ...released.flow,
          timeline: mark(flow, 'failed', now),
          state: {
            step: 'failed',
            failure: { code: 'connection', message: event.message ?? CONNECTION_FAILED },
            sessionId: state.credentials.sessionId,
          },
        },
        effects: released.effects,
      };
    }
    case 'cancel': {
      const released = release(flow, false);
      return { flow: { ...released.flow, timeline: mark(flow, 'cancelled', now), state: { step: 'idle' } }, effects: released.effects };
    }
    case 'page-hidden': {
      // A call that connected ran: leaving the room ends it COMPLETED, with its transcript kept for history
      // and only what ran billed. A DELETE would mark it CANCELLED and lose the transcript.
      const ran = flow.state.step === 'in-call' && flow.connected;
      const released = release(flow, true);
      return ran ? { flow: released.flow, effects: released.effects.filter((effect) => effect.type !== 'cancel') } : released;
    }
    case 'page-restored': {
      const { step } = flow.state;
      return step === 'provisioning' || step === 'in-call'
        ? { flow: { ...flow, state: { step: 'idle' } }, effects: [] }
        : { flow, effects: [] };
    }
  }
}
