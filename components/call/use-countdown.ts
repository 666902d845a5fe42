'use client';

import { useEffect, useState } from 'react';

/** Whole seconds left until `endsAt`, ticking once a second; calls `onElapsed` at zero. */
export function useCountdown(endsAt: number, onElapsed?: () => void) {
  const [now, setNow] = useState(() => Date.now());
  const remaining = Math.max(0, Math.ceil((endsAt - now) / 1000));
  useEffect(() => {
    if (remaining === 0) {
      onElapsed?.();
      return;
    }
    // Tick when the displayed second changes, measured from endsAt rather than the wall clock.
    const timer = setTimeout(() => setNow(Date.now()), (endsAt - Date.now()) % 1000 || 1000);
    return () => clearTimeout(timer);
  }, [endsAt, now, remaining, onElapsed]);
  return remaining;
}

/** "4:05": minutes and seconds, as a timer shows them. */
export function formatTimer(seconds: number) {
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(seconds % 60).padStart(2, '0')}`;
}
