'use client';

import dynamic from 'next/dynamic';
import { useEffect, useRef } from 'react';
import { AvatarPortrait } from '@/components/avatars/avatar-portrait';
import { describeDuration } from '@/lib/format';
import type { AvatarProfile, RunwayMode } from '@/lib/types';
import { CallEnded, CallFailed } from './call-outcome';
import { DebugPanel } from './debug-panel';
import { EmulatedCall } from './emulated-call';
import { failureTitle } from './failure-copy';
import { PROVISIONING_STEPS, ProvisioningView } from './provisioning-view';
import { useSessionFlow, type FlowState } from './use-session-flow';

const LiveCall = dynamic(() => import('./live-call'), {
  ssr: false,
  loading: () => <p className="stage">Loading the call…</p>,
});

/** What a screen reader hears when the call moves on. */
function announcement(state: FlowState) {
  switch (state.step) {
    case 'idle':
      return '';
    case 'provisioning':
      return `${PROVISIONING_STEPS.find((step) => step.phase === state.phase)?.label ?? 'Starting'}…`;
    case 'in-call':
      return 'Call started.';
    case 'ended':
      return 'Call ended.';
    case 'failed':
      return `${failureTitle(state.failure.code)}. ${state.failure.message}`;
  }
}

interface CallScreenProps {
  avatar: AvatarProfile;
  mode: RunwayMode;
  maxDurationSeconds: number;
}

/** The call page's view controller: idle → provisioning → in-call → ended | failed. */
export function CallScreen({ avatar, mode, maxDurationSeconds }: CallScreenProps) {
  const flow = useSessionFlow(avatar.id);
  const CallStage = mode === 'live' ? LiveCall : EmulatedCall;
  const { state } = flow;

  // Each step replaces the buttons on screen: move focus to the new step rather than losing it to <body>.
  const stageRef = useRef<HTMLDivElement>(null);
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    stageRef.current?.focus();
  }, [state.step]);

  return (
    <section className="call" aria-labelledby="call-title">
      <header className="call__header">
        <h1 id="call-title">{avatar.name}</h1>
        <p className="muted">{avatar.subtitle}</p>
      </header>

      <p className="sr-only" role="status">
        {announcement(state)}
      </p>

      <div ref={stageRef} tabIndex={-1} className="stage-slot">
        {state.step === 'idle' && (
          <div className="stage stage--idle">
            <AvatarPortrait avatar={avatar} size="stage" />
            <p className="muted">
              Calls last up to {describeDuration(maxDurationSeconds)}. Your browser will ask for the microphone and camera.
            </p>
            <button type="button" className="button button--primary button--large" onClick={flow.start}>
              Start call
            </button>
          </div>
        )}
        {state.step === 'provisioning' && <ProvisioningView phase={state.phase} onCancel={flow.cancel} />}
        {state.step === 'in-call' && (
          <CallStage
            avatar={avatar}
            credentials={state.credentials}
            endsAt={state.startedAt + state.maxDurationSeconds * 1000}
            onConnected={flow.connected}
            onEnded={flow.ended}
            onError={flow.connectionFailed}
          />
        )}
        {state.step === 'ended' && <CallEnded durationSeconds={state.durationSeconds} onRestart={flow.start} />}
        {state.step === 'failed' && <CallFailed failure={state.failure} onRetry={flow.start} />}
      </div>

      <DebugPanel state={state} timeline={flow.timeline} />
    </section>
  );
}
