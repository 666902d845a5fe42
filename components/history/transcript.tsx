import { formatClock } from '@/lib/format';
import type { ConversationStatus, TranscriptTurn } from '@/lib/history/types';

const EMPTY: Record<ConversationStatus, string> = {
  ended: 'No transcript. Runway keeps a transcript of what was said in a call. A cancelled session keeps none.',
  in_progress: 'No transcript yet: the call has not started or is still going. Reload the page after it ends.',
  failed: 'No transcript: the session failed before anyone spoke.',
};

const json = (value: unknown) => JSON.stringify(value, null, 2);

/** The conversation as a chat: who spoke when, and every tool call and result on assistant turns. */
export function Transcript({ turns, status }: { turns: TranscriptTurn[]; status: ConversationStatus }) {
  if (!turns.length) return <p className="empty">{EMPTY[status]}</p>;
  return (
    <ol className="chat" aria-label="Transcript">
      {turns.map((turn, index) => (
        <li key={index} className={`chat__turn chat__turn--${turn.role}`}>
          <p className="chat__meta">
            <strong>{turn.role === 'user' ? 'User' : 'Assistant'}</strong>
            {turn.timestamp && <time dateTime={turn.timestamp}>{formatClock(turn.timestamp)} UTC</time>}
          </p>
          {turn.content && <p className="chat__content">{turn.content}</p>}
          {turn.toolCalls.map((call, n) => (
            <div key={`call-${n}`} className="tool">
              Tool call <code>{call.name}</code>
              <pre aria-label={`Arguments of ${call.name}`}>{json(call.arguments)}</pre>
            </div>
          ))}
          {turn.toolResults.map((result, n) => (
            <div key={`result-${n}`} className={`tool${result.error ? ' tool--error' : ''}`}>
              {result.error ? 'Tool error' : 'Tool result'} <code>{result.name}</code>
              {typeof result.durationMs === 'number' && <span className="muted"> · {result.durationMs} ms</span>}
              <pre>{result.error ?? json(result.result ?? null)}</pre>
            </div>
          ))}
        </li>
      ))}
    </ol>
  );
}
