'use client';

import dynamic from 'next/dynamic';
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { ConversationLine } from '@/components/avatars/avatar-conversation';
import { appConfig } from '@/lib/app-config';
import type { CallRoomConfig } from '@/lib/call/types';
import type { AvatarProfile } from '@/lib/avatars/types';
import { DEFAULT_PREFERENCES } from './call-model';
import { CallEnded, CallFailed } from './call-outcome';
import { DebugPanel } from './debug-panel';
import { failureTitle } from './failure-copy';
import { PreJoin } from './pre-join';
import { PROVISIONING_STEPS, ProvisioningView } from './provisioning-view';
import type { FlowState } from './call-flow';
import { useSessionFlow } from './use-session-flow';

const CallStage = dynamic(() => import('./live-call'), {
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
  room: CallRoomConfig;
  maxDurationSeconds: number;
  /** A signed-in admin gets a link to the conversation's history page at the end. */
  admin: boolean;
}

// Loading the SDK's chunk early, once the visitor opens the device check, makes the call start sooner.
const preloadCallStage = () => void import('./live-call');

/** The call page's view controller: idle → provisioning → in-call → ended | failed. */
export function CallScreen({ avatar, room, maxDurationSeconds, admin }: CallScreenProps) {
  const flow = useSessionFlow(avatar.id);
  const { state, start } = flow;
  const [preferences, setPreferences] = useState(DEFAULT_PREFERENCES);

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
    // The accent comes from the typed app config, so a fork re-brands the call by editing one file.
    <section className="call" aria-labelledby="call-title" style={{ '--accent': appConfig.accentColor } as CSSProperties}>
      <header className="call__header">
        <h1 id="call-title">{avatar.name}</h1>
        <p className="muted">{avatar.subtitle}</p>
        <ConversationLine conversation={avatar.conversation} />
      </header>

      <p className="sr-only" role="status">
        {announcement(state)}
      </p>

      <div ref={stageRef} tabIndex={-1} className="stage-slot">
        {state.step === 'idle' && !room.available && (
          <p className="notice notice--warning" role="alert">
            Calls cannot connect on this host. Without <code>RUNWAYML_API_SECRET</code> the call runs in the built-in emulator, which needs
            a long-lived server: run <code>npm run dev</code> or <code>npm start</code>, or set a Runway key.
          </p>
        )}
        {state.step === 'idle' && room.available && (
          <PreJoin
            avatar={avatar}
            maxDurationSeconds={maxDurationSeconds}
            preferences={preferences}
            onChange={setPreferences}
            onStart={start}
            onCheckStarted={preloadCallStage}
          />
        )}
        {state.step === 'provisioning' && <ProvisioningView phase={state.phase} onCancel={flow.cancel} />}
        {state.step === 'in-call' && (
          <CallStage
            avatar={avatar}
            credentials={state.credentials}
            session={state.session}
            endsAt={state.startedAt + maxDurationSeconds * 1000}
            preferences={preferences}
            toolRequests={room.toolRequests}
            onConnected={flow.connected}
            onEnded={flow.ended}
            onError={flow.connectionFailed}
          />
        )}
        {state.step === 'ended' && (
          <CallEnded
            avatarName={avatar.name}
            sessionId={state.sessionId}
            durationSeconds={state.durationSeconds}
            transcript={state.transcript}
            admin={admin}
            onRestart={start}
          />
        )}
        {state.step === 'failed' && <CallFailed failure={state.failure} onRetry={start} />}
      </div>

      <DebugPanel state={state} timeline={flow.timeline} />
    </section>
  );
}
