'use client';

import { formatClock, useCountdown } from './use-countdown';

/** Time left before Runway ends the session (maxDuration, at most the practical 5-minute cap). */
export function CallTimer({ endsAt, onElapsed }: { endsAt: number; onElapsed?: () => void }) {
  const remaining = useCountdown(endsAt, onElapsed);
  return (
    <p className={`timer${remaining <= 60 ? ' timer--warning' : ''}`}>
      <time role="timer" aria-label="Time remaining" dateTime={`PT${remaining}S`}>
        {formatClock(remaining)}
      </time>
    </p>
  );
}
