import type { BackendToolCall } from '@/lib/call/types';

const json = (value: unknown) => JSON.stringify(value, null, 2);

/** The backend tool calls of the call so far, newest last: what the avatar asked and what it was told. */
export function BackendToolFeed({ calls }: { calls: BackendToolCall[] }) {
  return (
    <section className="backend-tools" aria-labelledby="backend-tools-title">
      <h2 id="backend-tools-title">Backend tool calls</h2>
      {calls.length === 0 ? (
        <p className="muted">None yet. When the avatar looks something up on this server, the call shows here.</p>
      ) : (
        <ol aria-live="polite">
          {calls.map((call) => (
            <li key={call.seq} className={`backend-tools__call${'error' in call.outcome ? ' backend-tools__call--error' : ''}`}>
              <p>
                <code>{call.name}</code> {'error' in call.outcome ? 'failed' : 'answered'}
                <span className="muted"> in {call.durationMs} ms</span>
              </p>
              <pre aria-label={`Arguments of ${call.name}`}>{json(call.arguments)}</pre>
              <pre aria-label={`${'error' in call.outcome ? 'Error' : 'Result'} of ${call.name}`}>
                {'error' in call.outcome ? call.outcome.error : json(call.outcome.result)}
              </pre>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
