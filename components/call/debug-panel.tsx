import type { FlowState, TimelineEntry } from './call-flow';

function sessionIdOf(state: FlowState) {
  if (state.step === 'in-call') return state.credentials.sessionId;
  return 'sessionId' in state ? state.sessionId : undefined;
}

export function DebugPanel({ state, timeline }: { state: FlowState; timeline: TimelineEntry[] }) {
  const origin = timeline[0]?.at;
  return (
    <details className="debug">
      <summary>Debug</summary>
      <dl>
        <dt>State</dt>
        <dd data-testid="debug-state">{state.step === 'provisioning' ? `provisioning (${state.phase})` : state.step}</dd>
        <dt>Session id</dt>
        <dd data-testid="debug-session-id">{sessionIdOf(state) ?? '—'}</dd>
      </dl>
      <ol className="timeline" aria-label="Timeline">
        {timeline.map((entry, index) => (
          <li key={index}>
            <span>{entry.event}</span>
            <time dateTime={new Date(entry.at).toISOString()}>+{((entry.at - (origin ?? entry.at)) / 1000).toFixed(2)} s</time>
          </li>
        ))}
      </ol>
    </details>
  );
}
