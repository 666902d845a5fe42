import Link from 'next/link';
import { failureTitle } from './failure-copy';
import { formatClock } from './use-countdown';
import type { FlowFailure } from './use-session-flow';

export function CallEnded({ durationSeconds, onRestart }: { durationSeconds: number; onRestart: () => void }) {
  return (
    <div className="stage stage--ended">
      <h2 className="stage__title">Call ended</h2>
      <p>Duration {formatClock(durationSeconds)}</p>
      <div className="actions">
        <button type="button" className="button button--primary" onClick={onRestart}>
          Start a new call
        </button>
        <Link href="/" className="button">
          Choose another avatar
        </Link>
      </div>
    </div>
  );
}

export function CallFailed({ failure, onRetry }: { failure: FlowFailure; onRetry: () => void }) {
  return (
    <div className="stage stage--failed" data-testid="call-error">
      <h2 className="stage__title">{failureTitle(failure.code)}</h2>
      <p>{failure.message}</p>
      <div className="actions">
        <button type="button" className="button button--primary" onClick={onRetry}>
          Retry
        </button>
        <Link href="/" className="button">
          Back to avatars
        </Link>
      </div>
    </div>
  );
}
