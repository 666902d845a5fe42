'use client';

import { useEffect, useState } from 'react';
import { sessionApi, type SessionHandle } from '@/lib/call/session-api';
import type { BackendToolCall } from '@/lib/call/types';

/** Often enough that a call shows up while the avatar is still speaking its answer. */
const POLL_MS = 1_500;

/**
 * The backend tool calls of this call, as the server's handler served them. They happen between Runway's
 * worker and our server, out of the browser's sight, so the page asks the server for what is new.
 */
export function useBackendToolCalls(session: SessionHandle, enabled: boolean): BackendToolCall[] {
  const [calls, setCalls] = useState<BackendToolCall[]>([]);
  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    let next = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const { calls: fresh } = await sessionApi.toolCalls(session, next, controller.signal);
        if (fresh.length) {
          next = fresh.at(-1)!.seq + 1;
          setCalls((known) => [...known, ...fresh]);
        }
      } catch {
        // A missed poll is retried by the next one; the call itself is unaffected.
      }
      if (!controller.signal.aborted) timer = setTimeout(poll, POLL_MS);
    };
    void poll();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [session, enabled]);
  return calls;
}
