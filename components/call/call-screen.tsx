'use client';

import dynamic from 'next/dynamic';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BotCheckConfig } from '@/lib/bot-check/bot-check';
import { ConversationLine } from '@/components/avatars/avatar-conversation';
import type { AvatarProfile } from '@/lib/avatars/types';
import { useHostBridge } from '@/components/embed/use-host-bridge';
import { DEFAULT_PREFERENCES } from './call-model';
import { CallEnded, CallFailed } from './call-outcome';
import { DebugPanel } from './debug-panel';
import { failureMessage, failureTitle } from './failure-copy';
import { PreJoin } from './pre-join';
import { PROVISIONING_STEPS, ProvisioningView } from './provisioning-view';
import type { FlowState, TimelineEntry } from './call-flow';
import { useSessionFlow } from './use-session-flow';

const CallStage = dynamic(() => import('./live-call'), {
  ssr: false,
  loading: () => <p className="stage">Loading the call…</p>,
});

/** What a screen reader hears when the call moves on. */
function announcement(state: FlowState, developer: boolean) {
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
      return `${failureTitle(state.failure.code)}. ${failureMessage(state.failure, developer)}`;
  }
}

interface CallScreenProps {
  avatar: AvatarProfile;
  maxDurationSeconds: number;
  /** A signed-in admin gets a link to the conversation's history page at the end. */
  admin: boolean;
  /** The optional bot check before Start; null while it is off. */
  botCheck: BotCheckConfig | null;
  /**
   * The developer's surfaces: the debug panel, the tool guide and backend tool feed, and the server's
   * failure detail. For the admin and in emulator mode; a visitor in live mode sees the product only.
   */
  developer: boolean;
  /**
   * Set in another site's iframe (/embed/…): compact, with no way back to the gallery, and linked to the
   * embedding page, the checked origin here (null: talk to nobody). The page reports the call to it and
   * takes its commands (components/embed/).
   */
  embedHost?: string | null;
}

// Loading the SDK's chunk early, once the visitor opens the device check, makes the call start sooner.
const preloadCallStage = () => void import('./live-call');

/** The call page's view controller: idle → provisioning → in-call → ended | failed. */
export function CallScreen({ avatar, maxDurationSeconds, admin, botCheck, developer, embedHost }: CallScreenProps) {
  const embedded = embedHost !== undefined;
  const { report: onProgress, endRequests } = useHostBridge(embedHost);
  const flow = useSessionFlow(avatar.id);
  const { state, start, cancel } = flow;
  const [preferences, setPreferences] = useState(DEFAULT_PREFERENCES);
  // A pass earned on this page holds for its later views too (back to the check after Cancel).
  const [botPassed, setBotPassed] = useState(false);
  const passBotCheck = useCallback(() => setBotPassed(true), []);

  const latest = flow.timeline.at(-1);
  const reported = useRef<TimelineEntry>(undefined);
  useEffect(() => {
    if (!latest || latest === reported.current) return;
    reported.current = latest;
    onProgress(latest.event, state);
  }, [latest, state, onProgress]);
  // Hanging up before the call is up gives the session up; once it is, the call stage ends it (live-call.tsx).
  const provisioning = state.step === 'provisioning';
  useEffect(() => {
    if (!provisioning) return;
    endRequests.addEventListener('end', cancel);
    return () => endRequests.removeEventListener('end', cancel);
  }, [endRequests, provisioning, cancel]);

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
    <section className={embedded ? 'call call--embedded' : 'call'} aria-labelledby="call-title">
      <header className="call__header">
        <h1 id="call-title">{avatar.name}</h1>
        <p className="muted">{avatar.subtitle}</p>
        <ConversationLine conversation={avatar.conversation} />
      </header>

      <p className="sr-only" role="status">
        {announcement(state, developer)}
      </p>

      <div ref={stageRef} tabIndex={-1} className="stage-slot">
        {state.step === 'idle' && (
          <PreJoin
            avatar={avatar}
            maxDurationSeconds={maxDurationSeconds}
            preferences={preferences}
            onChange={setPreferences}
            onStart={start}
            onCheckStarted={preloadCallStage}
            botCheck={botCheck && { ...botCheck, passed: botCheck.passed || botPassed }}
            onBotCheckPassed={passBotCheck}
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
            developer={developer}
            endRequests={endRequests}
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
            embedded={embedded}
            onRestart={start}
          />
        )}
        {state.step === 'failed' && (
          <CallFailed
            failure={state.failure}
            developer={developer}
            embedded={embedded}
            onRetry={start}
            // The server refused the start for want of a pass (it expired): the check again, then Retry.
            botCheck={botCheck && state.failure.code === 'bot_check_required' ? { ...botCheck, passed: false } : null}
            onBotCheckPassed={passBotCheck}
          />
        )}
      </div>

      {developer && !embedded && <DebugPanel state={state} timeline={flow.timeline} />}
    </section>
  );
}
