'use client';

import { formatTimer, useCountdown } from './use-countdown';

const WARNINGS = [
  { at: 10, text: '10 seconds left in this call.' },
  { at: 60, text: 'One minute left in this call.' },
];

/**
 * Time left before the session's maxDuration (the practical cap is 5 minutes), with spoken warnings at one
 * minute and ten seconds. At zero the call ends gracefully through `onElapsed`.
 */
export function CallCountdown({ endsAt, onElapsed }: { endsAt: number; onElapsed: () => void }) {
  const remaining = useCountdown(endsAt, onElapsed);
  const warning = WARNINGS.find((entry) => remaining <= entry.at);
  return (
    <div className={`timer${warning ? ' timer--warning' : ''}`}>
      <time role="timer" aria-label="Time remaining" dateTime={`PT${remaining}S`}>
        {formatTimer(remaining)}
      </time>
      <p className="timer__warning" aria-live="assertive" data-testid="countdown-warning">
        {warning && remaining > 0 ? warning.text : ''}
      </p>
    </div>
  );
}
