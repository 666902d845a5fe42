'use client';

import { useEffect, useMemo, useState } from 'react';
import { sessionApi } from '@/lib/call/session-api';
import { AppError } from '@/lib/errors';
import { flowStep, INITIAL_FLOW, type Flow, type FlowEffect, type FlowEvent, type FlowFailure } from './call-flow';
import type { TranscriptLine } from './call-model';

function toFailure(error: unknown): FlowFailure {
  if (error instanceof AppError) return { code: error.code, message: error.message };
  return { code: 'internal', message: 'Something went wrong. Please try again.' };
}

/**
 * Runs the call flow's machine (call-flow.ts) for one avatar: feeds it events and carries out the effects
 * it asks for, which are API requests and their cancellation. Everything it decides is in the machine.
 */
function flowRunner(avatarId: string, render: (flow: Flow) => void) {
  // The machine's state, for events that arrive between renders (requests answering).
  let flow = INITIAL_FLOW;
  const controllers = new Map<number, AbortController>();

  const dispatch = (event: FlowEvent) => {
    const next = flowStep(flow, event, Date.now());
    flow = next.flow;
    render(flow);
    for (const effect of next.effects) run(effect);
  };

  /** A request of one attempt; its failure is the attempt's failure, unless the attempt was given up. */
  function request<T>(attempt: number, work: (signal: AbortSignal) => Promise<T>, answer: (value: T) => FlowEvent) {
    let controller = controllers.get(attempt);
    if (!controller) controllers.set(attempt, (controller = new AbortController()));
    const { signal } = controller;
    work(signal).then(
      (value) => dispatch(answer(value)),
      (error: unknown) => {
        if (!signal.aborted) dispatch({ type: 'request-failed', attempt, failure: toFailure(error) });
      },
    );
  }

  function run(effect: FlowEffect) {
    const { type } = effect;
    switch (type) {
      case 'create':
        // Not aborted on leave: the session may exist by then, and only its id lets us cancel it.
        return request(
          effect.attempt,
          () => sessionApi.createSession(avatarId),
          (session) => ({ type: 'created', attempt: effect.attempt, session }),
        );
      case 'poll':
        return request(
          effect.attempt,
          (signal) => sessionApi.sessionProgress(effect.session, effect.known, signal),
          (progress) => ({ type: 'progress', attempt: effect.attempt, progress, known: effect.known }),
        );
      case 'consume':
        return request(
          effect.attempt,
          (signal) => sessionApi.consumeSession(effect.session, signal),
          (credentials) => ({ type: 'consumed', attempt: effect.attempt, credentials }),
        );
      case 'abort':
        controllers.get(effect.attempt)?.abort();
        controllers.delete(effect.attempt);
        return;
      case 'cancel':
        return void sessionApi.cancelSession(effect.session, { keepalive: effect.keepalive }).catch(() => undefined);
      case 'final-poll':
        return void sessionApi.sessionProgress(effect.session, undefined).catch(() => undefined);
    }
  }

  return dispatch;
}

/** The call page's session flow: its state and timeline, and stable actions for the views and the call stage. */
export function useSessionFlow(avatarId: string) {
  const [flow, setFlow] = useState<Flow>(INITIAL_FLOW);
  const dispatch = useMemo(() => flowRunner(avatarId, setFlow), [avatarId]);

  // Leaving by closing the tab, reloading or navigating away cancels a session that has not ended cleanly.
  useEffect(() => {
    const onPageHide = () => dispatch({ type: 'page-hidden' });
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted) dispatch({ type: 'page-restored' });
    };
    window.addEventListener('pagehide', onPageHide);
    window.addEventListener('pageshow', onPageShow);
    return () => {
      window.removeEventListener('pagehide', onPageHide);
      window.removeEventListener('pageshow', onPageShow);
      dispatch({ type: 'page-hidden' });
    };
  }, [dispatch]);

  // Stable identities: the memoised call stage must not re-render (and reconnect) when the flow moves on.
  const actions = useMemo(
    () => ({
      start: () => dispatch({ type: 'start' }),
      cancel: () => dispatch({ type: 'cancel' }),
      connected: () => dispatch({ type: 'connected' }),
      ended: (transcript: TranscriptLine[]) => dispatch({ type: 'ended', transcript }),
      connectionFailed: (message?: string) => dispatch({ type: 'connection-failed', message }),
    }),
    [dispatch],
  );
  return { state: flow.state, timeline: flow.timeline, ...actions };
}
