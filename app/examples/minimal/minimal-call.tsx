'use client';

// The browser half of the minimal integration: your own Start button, then <AvatarCall connectUrl>.
// The SDK build has no 'use client' directive, so this file needs one. next/dynamic fetches the SDK
// (LiveKit, about 160 kB gzipped) only when the visitor presses Start, not with the page.
import '@runwayml/avatars-react/styles.css';
import dynamic from 'next/dynamic';
import { useState } from 'react';

const AvatarCall = dynamic(() => import('@runwayml/avatars-react').then((sdk) => sdk.AvatarCall), {
  ssr: false,
  loading: () => <p role="status">Loading the call…</p>,
});

type CallState = { step: 'idle' } | { step: 'calling'; attempt: number } | { step: 'ended' } | { step: 'failed'; message: string };

export function MinimalCall({ avatarId }: { avatarId: string }) {
  const [state, setState] = useState<CallState>({ step: 'idle' });
  // AvatarCall asks for credentials as soon as it mounts, and caches them (errors too) by its props for
  // the page's lifetime. A new `attempt` in connectUrl makes every Start a fresh session.
  const start = () => setState((current) => ({ step: 'calling', attempt: current.step === 'calling' ? current.attempt + 1 : Date.now() }));

  if (state.step === 'calling') {
    return (
      <AvatarCall
        key={state.attempt}
        avatarId={avatarId}
        connectUrl={`/api/avatar/session?attempt=${state.attempt}`}
        className="example__call"
        // A call that fails to connect fires onEnd and then onError (onEnd can fire twice): the error wins.
        onEnd={() => setState((current) => (current.step === 'calling' ? { step: 'ended' } : current))}
        onError={(error) => setState({ step: 'failed', message: error.message })}
      />
    );
  }
  return (
    <div className="example__idle">
      {state.step === 'ended' && <p role="status">The call ended.</p>}
      {state.step === 'failed' && <p role="alert">The call could not connect: {state.message}</p>}
      <button type="button" className="button button--primary" onClick={start}>
        {state.step === 'idle' ? 'Start call' : 'Call again'}
      </button>
    </div>
  );
}
