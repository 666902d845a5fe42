import Link from 'next/link';
import { useBotGate } from '@/components/bot-check/bot-check';
import { appConfig } from '@/lib/app-config';
import type { BotCheckConfig } from '@/lib/bot-check/bot-check';
import type { TranscriptLine } from './call-model';
import { failureMessage, failureTitle } from './failure-copy';
import { TranscriptPanel } from './transcript-panel';
import { formatTimer } from './use-countdown';
import type { FlowFailure } from './call-flow';

interface CallEndedProps {
  avatarName: string;
  sessionId: string;
  durationSeconds: number;
  transcript: TranscriptLine[];
  admin: boolean;
  /** In another site's iframe (/embed/…) there is no gallery to go back to. */
  embedded: boolean;
  onRestart: () => void;
}

/** The end-of-call summary. A conversation's id is its session's id, so history links straight to it. */
export function CallEnded({ avatarName, sessionId, durationSeconds, transcript, admin, embedded, onRestart }: CallEndedProps) {
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
        {!embedded && (
          <Link href="/" className="button">
            Choose another avatar
          </Link>
        )}
      </div>
      {appConfig.features.transcript && <TranscriptPanel lines={transcript} avatarName={avatarName} title={`Call with ${avatarName}`} />}
    </div>
  );
}

interface CallFailedProps {
  failure: FlowFailure;
  /** The server's message rather than plain copy: the admin, and emulator mode (failure-copy.ts). */
  developer: boolean;
  embedded: boolean;
  onRetry: () => void;
  /** Set when the failure was a missing bot-check pass: Retry waits for a new one. */
  botCheck: BotCheckConfig | null;
  onBotCheckPassed: () => void;
}

export function CallFailed({ failure, developer, embedded, onRetry, botCheck, onBotCheckPassed }: CallFailedProps) {
  const gate = useBotGate(botCheck, onBotCheckPassed);
  return (
    <div className="stage stage--failed" data-testid="call-error">
      <h2 className="stage__title">{failureTitle(failure.code)}</h2>
      <p>{failureMessage(failure, developer)}</p>
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
        {!embedded && (
          <Link href="/" className="button">
            Back to avatars
          </Link>
        )}
      </div>
    </div>
  );
}
