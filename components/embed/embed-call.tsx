'use client';

import { useCallback, useEffect, useMemo, useRef, type ComponentProps } from 'react';
import { CallScreen } from '@/components/call/call-screen';
import type { FlowState, TimelineEvent } from '@/components/call/call-flow';
import { embedEvent, parseEmbedCommand, type EmbedEvent } from '@/lib/embed/protocol';

type EmbedCallProps = Pick<ComponentProps<typeof CallScreen>, 'avatar' | 'room' | 'maxDurationSeconds' | 'developer' | 'botCheck'> & {
  /** The embedding page's origin, already checked against EMBED_ALLOWED_ORIGINS; null: talk to nobody. */
  hostOrigin: string | null;
};

/** The event a timeline entry means to the host page, if any. */
function hostEvent(event: TimelineEvent, state: FlowState): EmbedEvent | null {
  if (event === 'connected') return embedEvent({ type: 'call-started' });
  if (event === 'ended' && state.step === 'ended') return embedEvent({ type: 'call-ended', durationSeconds: state.durationSeconds });
  if (event === 'failed' && state.step === 'failed') return embedEvent({ type: 'error', code: state.failure.code });
  return null;
}

/**
 * The call page's own CallScreen, embedded: it reports the call to the host page and takes its commands
 * (lib/embed/protocol.ts), with the checked origin as the only target and the only sender it hears.
 */
export function EmbedCall({ hostOrigin, ...call }: EmbedCallProps) {
  const endRequests = useMemo(() => new EventTarget(), []);
  const post = useRef<(event: EmbedEvent) => void>(() => undefined);

  useEffect(() => {
    if (!hostOrigin || window.parent === window) return;
    // Where the browser names the page that embeds this one (Chromium, Safari), it must be the declared one.
    const ancestor = location.ancestorOrigins?.[0];
    if (ancestor && ancestor !== hostOrigin) return;
    const send = (event: EmbedEvent) => window.parent.postMessage(event, hostOrigin);
    post.current = send;

    const onMessage = (event: MessageEvent) => {
      if (event.origin !== hostOrigin || event.source !== window.parent) return;
      const command = parseEmbedCommand(event.data);
      if (command?.type === 'end' || command?.type === 'close') endRequests.dispatchEvent(new Event('end'));
    };
    // Keys pressed in here never reach the host page, so Escape is passed on for the launcher to close.
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) send(embedEvent({ type: 'dismiss' }));
    };
    window.addEventListener('message', onMessage);
    document.addEventListener('keydown', onKey);
    send(embedEvent({ type: 'ready' }));
    return () => {
      post.current = () => undefined;
      window.removeEventListener('message', onMessage);
      document.removeEventListener('keydown', onKey);
    };
  }, [hostOrigin, endRequests]);

  const onProgress = useCallback((event: TimelineEvent, state: FlowState) => {
    const message = hostEvent(event, state);
    if (message) post.current(message);
  }, []);

  return <CallScreen {...call} admin={false} embedded onProgress={onProgress} endRequests={endRequests} />;
}
