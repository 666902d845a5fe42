'use client';

import { useEffect, useRef } from 'react';

/**
 * Calls `tick` every `intervalMs` while `active`, and not while the page is hidden: a background tab costs
 * no requests, and polling resumes (with one immediate tick) when the page is shown again.
 */
export function usePolling(active: boolean, tick: (signal: AbortSignal) => Promise<void>, intervalMs = 2000) {
  const latest = useRef(tick);
  useEffect(() => {
    latest.current = tick;
  });
  useEffect(() => {
    if (!active) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = () => {
      clearTimeout(timer);
      if (!document.hidden) timer = setTimeout(run, intervalMs);
    };
    const run = async () => {
      try {
        await latest.current(controller.signal);
      } catch {
        // A failed poll is retried on the next tick; the page keeps what it last knew.
      }
      if (!controller.signal.aborted) schedule();
    };
    const onVisibility = () => {
      if (document.hidden) clearTimeout(timer);
      else void run();
    };
    schedule();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      controller.abort();
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [active, intervalMs]);
}
