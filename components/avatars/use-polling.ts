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

/** Refreshes the items still processing until each is READY or FAILED, and announces the ones that finished. */
export function useProcessingRefresh<T extends { id: string; name: string; status: string }>(
  items: T[],
  update: (next: (list: T[]) => T[]) => void,
  fetchOne: (id: string, signal: AbortSignal) => Promise<T>,
  announce: (text: string) => void,
) {
  const processing = items.filter((item) => item.status === 'processing');
  usePolling(processing.length > 0, async (signal) => {
    const fresh = await Promise.all(processing.map((item) => fetchOne(item.id, signal)));
    const done = fresh.filter((item) => item.status !== 'processing');
    if (done.length) announce(done.map((item) => `${item.name} is ${item.status}.`).join(' '));
    update((list) => list.map((item) => fresh.find((candidate) => candidate.id === item.id) ?? item));
  });
}
