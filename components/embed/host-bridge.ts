import type { FlowState, TimelineEvent } from '@/components/call/call-flow';
import { embedEvent, parseEmbedCommand, type EmbedEvent } from '@/lib/embed/protocol';

/** The event a timeline entry means to the host page, if any. */
function hostEvent(event: TimelineEvent, state: FlowState): EmbedEvent | null {
  if (event === 'connected') return embedEvent({ type: 'call-started' });
  if (event === 'ended' && state.step === 'ended') return embedEvent({ type: 'call-ended', durationSeconds: state.durationSeconds });
  if (event === 'failed' && state.step === 'failed') return embedEvent({ type: 'error', code: state.failure.code });
  return null;
}

/**
 * Connects the frame to the page that embeds it (lib/embed/protocol.ts): the checked origin is the only
 * target and the only sender heard. Null when the browser names another embedding page than the declared
 * one (Chromium and Safari say who embeds a frame). Announces itself with `ready`.
 */
export function connectHost(hostOrigin: string, endRequests: EventTarget) {
  const ancestor = location.ancestorOrigins?.[0];
  if (ancestor && ancestor !== hostOrigin) return null;
  const send = (event: EmbedEvent) => window.parent.postMessage(event, hostOrigin);

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
  return {
    report(event: TimelineEvent, state: FlowState) {
      const message = hostEvent(event, state);
      if (message) send(message);
    },
    disconnect() {
      window.removeEventListener('message', onMessage);
      document.removeEventListener('keydown', onKey);
    },
  };
}
