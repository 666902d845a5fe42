'use client';

import { useCallback, useEffect, useMemo, useRef, type ComponentProps } from 'react';
import { CallScreen } from '@/components/call/call-screen';
import type { FlowState, TimelineEvent } from '@/components/call/call-flow';

type EmbedCallProps = Pick<ComponentProps<typeof CallScreen>, 'avatar' | 'room' | 'maxDurationSeconds' | 'developer' | 'botCheck'> & {
  /** The embedding page's origin, already checked against EMBED_ALLOWED_ORIGINS; null: talk to nobody. */
  hostOrigin: string | null;
};

/**
 * The call page's own CallScreen, embedded: it reports the call to the host page and takes its commands
 * (host-bridge.ts). The bridge loads after the page has hydrated, so the frame's first load is the call
 * page's own; it is there long before a visitor can press Start.
 */
export function EmbedCall({ hostOrigin, ...call }: EmbedCallProps) {
  const endRequests = useMemo(() => new EventTarget(), []);
  const report = useRef<(event: TimelineEvent, state: FlowState) => void>(() => undefined);

  useEffect(() => {
    if (!hostOrigin || window.parent === window) return;
    let disconnect: (() => void) | undefined;
    let closed = false;
    void import('./host-bridge').then(({ connectHost }) => {
      const bridge = closed ? null : connectHost(hostOrigin, endRequests);
      if (!bridge) return;
      report.current = bridge.report;
      disconnect = bridge.disconnect;
    });
    return () => {
      closed = true;
      report.current = () => undefined;
      disconnect?.();
    };
  }, [hostOrigin, endRequests]);

  const onProgress = useCallback((event: TimelineEvent, state: FlowState) => report.current(event, state), []);

  return <CallScreen {...call} admin={false} embedded onProgress={onProgress} endRequests={endRequests} />;
}
