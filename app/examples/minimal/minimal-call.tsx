'use client';

// The browser half of the minimal integration: your own Start button, then <AvatarCall connectUrl>.
// The SDK build has no 'use client' directive, so this file needs one. next/dynamic fetches the SDK
// (LiveKit, about 160 kB gzipped) only when the visitor presses Start, not with the page.
import '@runwayml/avatars-react/styles.css';
import dynamic from 'next/dynamic';
import { useState } from 'react';
import { useBotGate } from '@/components/bot-check/bot-check';
import type { BotCheckConfig } from '@/lib/bot-check/bot-check';

const AvatarCall = dynamic(() => import('@runwayml/avatars-react').then((sdk) => sdk.AvatarCall), {
  ssr: false,
  loading: () => <p role="status">Loading the call…</p>,
});

type CallState = { step: 'idle' } | { step: 'calling'; attempt: number } | { step: 'ended' } | { step: 'failed'; message: string };

export function MinimalCall({ avatarId, botCheck = null }: { avatarId: string; botCheck?: BotCheckConfig | null }) {
  const [state, setState] = useState<CallState>({ step: 'idle' });
  // Only when the optional bot check is on (TURNSTILE_* keys): the pass it earned, until the server says it expired.
  const [botPassed, setBotPassed] = useState(botCheck?.passed ?? false);
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
        onError={(error) => {
          // The SDK puts the route's answer in its message: a 403 bot_check_required means the pass expired.
          if (error.message.includes('bot_check_required')) setBotPassed(false);
          setState({ step: 'failed', message: error.message });
        }}
      />
    );
  }
  return (
    <div className="example__idle">
      {state.step === 'ended' && <p role="status">The call ended.</p>}
      {state.step === 'failed' && <p role="alert">The call could not connect: {state.message}</p>}
      <StartButton
        label={state.step === 'idle' ? 'Start call' : 'Call again'}
        onStart={start}
        botCheck={botCheck && { ...botCheck, passed: botPassed }}
        onBotCheckPassed={() => setBotPassed(true)}
      />
    </div>
  );
}

/** Start, behind the optional bot check when it is on (nothing extra when it is off). */
function StartButton(props: { label: string; onStart: () => void; botCheck: BotCheckConfig | null; onBotCheckPassed: () => void }) {
  const gate = useBotGate(props.botCheck, props.onBotCheckPassed);
  return (
    <>
      {gate.widget}
      <button
        type="button"
        className="button button--primary"
        onClick={props.onStart}
        disabled={!gate.open}
        aria-describedby={gate.describedBy}
      >
        {props.label}
      </button>
    </>
  );
}
