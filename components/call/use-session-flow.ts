'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type SessionHandle } from '@/lib/api-client';
import { AppError, type ErrorCode } from '@/lib/errors';
import type { SessionPhase } from '@/lib/schemas/sessions';
import type { CallCredentials } from '@/lib/types';

/**
 * The browser side of a call: create a session, follow its progress, take its credentials, and record every
 * step in a timeline. Every start() makes a brand-new session, so retry and "call again" never reuse
 * consumed credentials. A session this page created and will not finish cleanly (cancel, failure, leaving
 * the page, a media connection that never came up) is cancelled, so it neither bills nor holds a slot.
 */

export type TimelineEvent = 'created' | 'queued' | 'starting' | 'ready' | 'consumed' | 'connected' | 'ended' | 'failed' | 'cancelled';

export interface FlowFailure {
  code: ErrorCode | 'connection';
  message: string;
}

export type FlowState =
  | { step: 'idle' }
  | { step: 'provisioning'; phase: 'creating' | 'queued' | 'starting' | 'connecting'; sessionId?: string }
  | { step: 'in-call'; session: SessionHandle; credentials: CallCredentials; maxDurationSeconds: number; startedAt: number }
  | { step: 'ended'; sessionId: string; durationSeconds: number }
  | { step: 'failed'; failure: FlowFailure; sessionId?: string };

export interface TimelineEntry {
  event: TimelineEvent;
  at: number;
}

/** One start() and the session it created, until that session ends cleanly or is cancelled. */
interface Attempt {
  controller: AbortController;
  session?: SessionHandle;
  /** Set when this attempt is given up before create has answered: cancel the session once it has. */
  abandoned: boolean;
  /** The media connection came up (an `ended` before that is a failed connection, not a call). */
  connected: boolean;
}

// The server already cancelled these sessions, or Runway ended them.
const SETTLED_BY_SERVER = new Set<ErrorCode | 'connection'>(['session_failed', 'session_timeout']);

const CONNECTION_FAILED = 'Could not connect to the video call. Check your network (WebRTC may be blocked), then retry.';

function toFailure(error: unknown): FlowFailure {
  if (error instanceof AppError) return { code: error.code, message: error.message };
  return { code: 'internal', message: 'Something went wrong. Please try again.' };
}

export function useSessionFlow(avatarId: string) {
  const [state, setState] = useState<FlowState>({ step: 'idle' });
  const [timeline, setTimeline] = useState<TimelineEntry[]>([]);
  const attempt = useRef<Attempt | null>(null);

  const mark = useCallback((event: TimelineEvent) => setTimeline((entries) => [...entries, { event, at: Date.now() }]), []);

  /** Gives up the current attempt and cancels its session; `keepalive` lets the request outlive the page. */
  const release = useCallback((keepalive: boolean) => {
    const current = attempt.current;
    attempt.current = null;
    if (!current) return;
    current.abandoned = true;
    current.controller.abort();
    if (current.session) api.cancelSession(current.session, { keepalive }).catch(() => undefined);
  }, []);

  const start = useCallback(async () => {
    release(false);
    const current: Attempt = { controller: new AbortController(), abandoned: false, connected: false };
    attempt.current = current;
    const { signal } = current.controller;
    setTimeline([]);
    setState({ step: 'provisioning', phase: 'creating' });
    try {
      // Not aborted on leave: the session may exist by then, and only its id lets us cancel it.
      const session = await api.createSession(avatarId);
      current.session = session;
      if (current.abandoned) {
        api.cancelSession(session, { keepalive: true }).catch(() => undefined);
        return;
      }
      mark('created');
      let known: SessionPhase | undefined;
      for (;;) {
        const progress = await api.sessionProgress(session, known, signal);
        if (progress.phase === known) continue;
        known = progress.phase;
        if (progress.phase === 'queued' || progress.phase === 'starting') {
          mark(progress.phase);
          setState({ step: 'provisioning', phase: progress.phase, sessionId: session.sessionId });
          continue;
        }
        if (progress.phase === 'ready') break;
        if (progress.phase === 'failed') {
          throw new AppError('session_failed', progress.failure?.message ?? 'The avatar could not start.');
        }
        throw new AppError('conflict', `The session ended before the call started (${progress.phase}).`);
      }
      mark('ready');
      setState({ step: 'provisioning', phase: 'connecting', sessionId: session.sessionId });
      const credentials = await api.consumeSession(session, signal);
      mark('consumed');
      setState({ step: 'in-call', session, credentials, maxDurationSeconds: session.maxDurationSeconds, startedAt: Date.now() });
    } catch (error) {
      if (signal.aborted) return;
      const failure = toFailure(error);
      attempt.current = null;
      if (current.session && !SETTLED_BY_SERVER.has(failure.code)) {
        api.cancelSession(current.session).catch(() => undefined);
      }
      mark('failed');
      setState({ step: 'failed', failure, sessionId: current.session?.sessionId });
    }
  }, [avatarId, mark, release]);

  const connected = useCallback(() => {
    if (attempt.current) attempt.current.connected = true;
    mark('connected');
  }, [mark]);

  /** The media connection failed: nobody will join this session, so it is cancelled rather than left to bill. */
  const connectionFailed = useCallback(
    (message = CONNECTION_FAILED) => {
      if (!attempt.current) return;
      release(false);
      mark('failed');
      setState((previous) =>
        previous.step === 'in-call'
          ? { step: 'failed', failure: { code: 'connection', message }, sessionId: previous.credentials.sessionId }
          : previous,
      );
    },
    [mark, release],
  );

  /** Idempotent: the SDK's onEnd can fire twice (disconnect and end()), and also fires when it never connected. */
  const ended = useCallback(() => {
    if (attempt.current && !attempt.current.connected) return connectionFailed();
    // One last look lets the server see the session COMPLETED and free its concurrency slot early.
    if (attempt.current?.session) api.sessionProgress(attempt.current.session, undefined).catch(() => undefined);
    attempt.current = null;
    setState((previous) => {
      if (previous.step !== 'in-call') return previous;
      const durationSeconds = Math.round((Date.now() - previous.startedAt) / 1000);
      return { step: 'ended', sessionId: previous.credentials.sessionId, durationSeconds };
    });
    setTimeline((entries) =>
      entries.some((entry) => entry.event === 'ended') ? entries : [...entries, { event: 'ended', at: Date.now() }],
    );
  }, [connectionFailed]);

  const cancel = useCallback(() => {
    release(false);
    mark('cancelled');
    setState({ step: 'idle' });
  }, [mark, release]);

  // Leaving by closing the tab, reloading or navigating away cancels a session that has not ended cleanly.
  // A page restored from the back/forward cache starts over, since its session was cancelled on the way out.
  useEffect(() => {
    const onPageHide = () => release(true);
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted)
        setState((previous) => (previous.step === 'provisioning' || previous.step === 'in-call' ? { step: 'idle' } : previous));
    };
    window.addEventListener('pagehide', onPageHide);
    window.addEventListener('pageshow', onPageShow);
    return () => {
      window.removeEventListener('pagehide', onPageHide);
      window.removeEventListener('pageshow', onPageShow);
      release(true);
    };
  }, [release]);

  return { state, timeline, start, cancel, connected, ended, connectionFailed };
}
