'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '@/lib/api-client';
import { AppError, type ErrorCode } from '@/lib/errors';
import type { SessionPhase } from '@/lib/schemas/sessions';
import type { CallCredentials } from '@/lib/types';

/**
 * The browser side of a call: create a session, follow its progress, take credentials, and account for
 * every step in a timeline. Every start() makes a brand-new session, so the SDK's credentials cache (keyed
 * by session) can never hand back a consumed or failed attempt.
 */

export type TimelineEvent = 'created' | 'queued' | 'starting' | 'ready' | 'consumed' | 'connected' | 'ended' | 'failed' | 'cancelled';

export interface FlowFailure {
  code: ErrorCode | 'connection';
  message: string;
}

export type FlowState =
  | { step: 'idle' }
  | { step: 'provisioning'; phase: 'creating' | 'queued' | 'starting' | 'connecting'; sessionId?: string }
  | { step: 'in-call'; credentials: CallCredentials; maxDurationSeconds: number; startedAt: number }
  | { step: 'ended'; sessionId: string; durationSeconds: number }
  | { step: 'failed'; failure: FlowFailure; sessionId?: string };

export interface TimelineEntry {
  event: TimelineEvent;
  at: number;
}

function toFailure(error: unknown): FlowFailure {
  if (error instanceof AppError) return { code: error.code, message: error.message };
  return { code: 'internal', message: 'Something went wrong. Please try again.' };
}

export function useSessionFlow(avatarId: string) {
  const [state, setState] = useState<FlowState>({ step: 'idle' });
  const [timeline, setTimeline] = useState<TimelineEntry[]>([]);
  const attempt = useRef<{ controller: AbortController; sessionId?: string; consumed: boolean } | null>(null);

  const mark = useCallback((event: TimelineEvent) => setTimeline((entries) => [...entries, { event, at: Date.now() }]), []);

  /** A session that was created but not yet consumed is billed capacity nobody will use: cancel it. */
  const abandon = useCallback((keepalive: boolean) => {
    const current = attempt.current;
    attempt.current = null;
    if (!current) return;
    current.controller.abort();
    if (current.sessionId && !current.consumed) {
      api.cancelSession(current.sessionId, { keepalive }).catch(() => undefined);
    }
  }, []);

  const start = useCallback(async () => {
    abandon(false);
    const current = { controller: new AbortController(), sessionId: undefined as string | undefined, consumed: false };
    attempt.current = current;
    const { signal } = current.controller;
    setTimeline([]);
    setState({ step: 'provisioning', phase: 'creating' });
    try {
      const session = await api.createSession(avatarId, signal);
      current.sessionId = session.sessionId;
      mark('created');
      let known: SessionPhase | undefined;
      for (;;) {
        const progress = await api.sessionProgress(session.sessionId, known, signal);
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
      const credentials = await api.consumeSession(session.sessionId, signal);
      current.consumed = true;
      mark('consumed');
      setState({ step: 'in-call', credentials, maxDurationSeconds: session.maxDurationSeconds, startedAt: Date.now() });
    } catch (error) {
      if (signal.aborted) return;
      attempt.current = null;
      mark('failed');
      setState({ step: 'failed', failure: toFailure(error), sessionId: current.sessionId });
    }
  }, [abandon, avatarId, mark]);

  const connected = useCallback(() => mark('connected'), [mark]);

  /** Idempotent: the SDK's onEnd can fire twice (disconnect and end()). */
  const ended = useCallback(() => {
    setState((previous) => {
      if (previous.step !== 'in-call') return previous;
      const durationSeconds = Math.round((Date.now() - previous.startedAt) / 1000);
      return { step: 'ended', sessionId: previous.credentials.sessionId, durationSeconds };
    });
    setTimeline((entries) => (entries.some((entry) => entry.event === 'ended') ? entries : [...entries, { event: 'ended', at: Date.now() }]));
    attempt.current = null;
  }, []);

  const connectionFailed = useCallback(
    (message: string) => {
      attempt.current = null;
      mark('failed');
      setState((previous) => ({
        step: 'failed',
        failure: { code: 'connection', message },
        sessionId: previous.step === 'in-call' ? previous.credentials.sessionId : undefined,
      }));
    },
    [mark],
  );

  const cancel = useCallback(() => {
    abandon(false);
    mark('cancelled');
    setState({ step: 'idle' });
  }, [abandon, mark]);

  // Leaving during provisioning, by closing the tab, reloading or client-side navigation, cancels the session.
  useEffect(() => {
    const onPageHide = () => abandon(true);
    window.addEventListener('pagehide', onPageHide);
    return () => {
      window.removeEventListener('pagehide', onPageHide);
      abandon(true);
    };
  }, [abandon]);

  return { state, timeline, start, cancel, connected, ended, connectionFailed };
}
