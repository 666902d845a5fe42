import Link from 'next/link';
import { useBotGate } from '@/components/bot-check/bot-check';
import { appConfig } from '@/lib/app-config';
import type { BotCheckConfig } from '@/lib/bot-check/bot-check';
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

interface CallFailedProps {
  failure: FlowFailure;
  onRetry: () => void;
  /** Set when the failure was a missing bot-check pass: Retry waits for a new one. */
  botCheck: BotCheckConfig | null;
  onBotCheckPassed: () => void;
}

export function CallFailed({ failure, onRetry, botCheck, onBotCheckPassed }: CallFailedProps) {
  const gate = useBotGate(botCheck, onBotCheckPassed);
  return (
    <div className="stage stage--failed" data-testid="call-error">
      <h2 className="stage__title">{failureTitle(failure.code)}</h2>
      <p>{failure.message}</p>
      {gate.widget}
      <div className="actions">
        <button
          type="button"
          className="button button--primary"
          onClick={onRetry}
          disabled={!gate.open}
          aria-describedby={gate.describedBy}
        >
          Retry
        </button>
        <Link href="/" className="button">
          Back to avatars
        </Link>
      </div>
    </div>
  );
}
