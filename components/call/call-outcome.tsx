import Link from 'next/link';
import { appConfig } from '@/lib/app-config';
import type { TranscriptLine } from './call-model';
import { failureTitle } from './failure-copy';
import { TranscriptPanel } from './transcript-panel';
import { formatTimer } from './use-countdown';
import type { FlowFailure } from './call-flow';

interface CallEndedProps {
  avatarName: string;
  sessionId: string;
  durationSeconds: number;
  transcript: TranscriptLine[];
  admin: boolean;
  onRestart: () => void;
}

/** The end-of-call summary. A conversation's id is its session's id, so history links straight to it. */
export function CallEnded({ avatarName, sessionId, durationSeconds, transcript, admin, onRestart }: CallEndedProps) {
  return (
    <div className="stage stage--ended">
      <h2 className="stage__title">Call ended</h2>
      <p>
        Duration <span data-testid="call-duration">{formatTimer(durationSeconds)}</span>
      </p>
      <div className="actions">
        <button type="button" className="button button--primary" onClick={onRestart}>
          Start a new call
        </button>
        {admin && (
          <Link href={`/history/${encodeURIComponent(sessionId)}`} className="button">
            View conversation
          </Link>
        )}
        <Link href="/" className="button">
          Choose another avatar
        </Link>
      </div>
      {appConfig.features.transcript && <TranscriptPanel lines={transcript} avatarName={avatarName} title={`Call with ${avatarName}`} />}
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
