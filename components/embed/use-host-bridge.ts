import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { FlowState, TimelineEvent } from '@/components/call/call-flow';

/**
 * The call screen's link to the page that embeds it, when it is embedded (`hostOrigin` is the checked
 * origin, or null to talk to nobody). The bridge itself (host-bridge.ts) loads after hydration, so the
 * frame's first load is the call page's own. `report` is told each timeline entry; `endRequests` fires
 * `end` when the host asks to hang up.
 */
export function useHostBridge(hostOrigin: string | null | undefined) {
  const endRequests = useMemo(() => new EventTarget(), []);
  const reportTo = useRef<(event: TimelineEvent, state: FlowState) => void>(() => undefined);

  useEffect(() => {
    if (!hostOrigin || window.parent === window) return;
    let disconnect: (() => void) | undefined;
    let closed = false;
    void import('./host-bridge').then(({ connectHost }) => {
      const bridge = closed ? null : connectHost(hostOrigin, endRequests);
      if (!bridge) return;
      reportTo.current = bridge.report;
      disconnect = bridge.disconnect;
    });
    return () => {
      closed = true;
      reportTo.current = () => undefined;
      disconnect?.();
    };
  }, [hostOrigin, endRequests]);

  const report = useCallback((event: TimelineEvent, state: FlowState) => reportTo.current(event, state), []);
  return { report, endRequests };
}
