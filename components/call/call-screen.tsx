'use client';

import dynamic from 'next/dynamic';
import { AvatarPortrait } from '@/components/avatars/avatar-portrait';
import type { AvatarProfile, RunwayMode } from '@/lib/types';
import { CallEnded, CallFailed } from './call-outcome';
import { DebugPanel } from './debug-panel';
import { EmulatedCall } from './emulated-call';
import { ProvisioningView } from './provisioning-view';
import { useSessionFlow } from './use-session-flow';

const LiveCall = dynamic(() => import('./live-call'), {
  ssr: false,
  loading: () => <p className="stage">Loading the call…</p>,
});

/** The call page's view controller: idle → provisioning → in-call → ended | failed. */
export function CallScreen({ avatar, mode }: { avatar: AvatarProfile; mode: RunwayMode }) {
  const flow = useSessionFlow(avatar.id);
  const { state } = flow;

  return (
    <section className="call" aria-labelledby="call-title">
      <header className="call__header">
        <h1 id="call-title">{avatar.name}</h1>
        <p className="muted">{avatar.subtitle}</p>
      </header>

      {state.step === 'idle' && (
        <div className="stage stage--idle">
          <AvatarPortrait avatar={avatar} size="stage" />
          <p className="muted">Calls last up to 5 minutes. Your browser will ask for the microphone and camera.</p>
          <button type="button" className="button button--primary button--large" onClick={flow.start}>
            Start call
          </button>
        </div>
      )}
      {state.step === 'provisioning' && <ProvisioningView phase={state.phase} onCancel={flow.cancel} />}
      {state.step === 'in-call' &&
        (mode === 'live' ? (
          <LiveCall
            avatar={avatar}
            credentials={state.credentials}
            endsAt={state.startedAt + state.maxDurationSeconds * 1000}
            onConnected={flow.connected}
            onEnded={flow.ended}
            onError={flow.connectionFailed}
          />
        ) : (
          <EmulatedCall
            avatar={avatar}
            credentials={state.credentials}
            endsAt={state.startedAt + state.maxDurationSeconds * 1000}
            onConnected={flow.connected}
            onEnded={flow.ended}
          />
        ))}
      {state.step === 'ended' && <CallEnded durationSeconds={state.durationSeconds} onRestart={flow.start} />}
      {state.step === 'failed' && <CallFailed failure={state.failure} onRetry={flow.start} />}

      <DebugPanel state={state} timeline={flow.timeline} />
    </section>
  );
}
