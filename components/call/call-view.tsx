'use client';

import { useState, type ReactNode } from 'react';
import { appConfig } from '@/lib/app-config';
import { BACKEND_TOOLS, type BackendToolName } from '@/lib/tools/backend-catalog';
import { DEMO_TOOLS, type DemoToolName } from '@/lib/tools/catalog';
import type { BackendToolCall } from '@/lib/call/types';
import type { AvatarProfile } from '@/lib/avatars/types';
import { BackendToolFeed } from './backend-tool-feed';
import { CallControls } from './call-controls';
import { CallCountdown } from './call-countdown';
import type { CallModel, CallStatus, ConnectionQuality } from './call-model';
import { ToolCard } from './tool-card';
import { TranscriptPanel } from './transcript-panel';
import type { ToolSurface } from './use-tool-surface';
import { Badge } from '@/components/ui/badge';

const STATUS_LABEL: Record<CallStatus, string> = {
  connecting: 'Connecting…',
  active: 'Live',
  reconnecting: 'Reconnecting…',
  ended: 'Ended',
};
const QUALITY_LABEL: Record<ConnectionQuality, string> = {
  excellent: 'Excellent',
  good: 'Good',
  poor: 'Poor',
  lost: 'Lost',
  unknown: 'Measuring',
};

export interface CallToolsView {
  surface: ToolSurface;
  names: DemoToolName[];
  pageActions: boolean;
  backendNames: BackendToolName[];
  backendCalls: BackendToolCall[];
}

interface CallViewProps {
  model: CallModel;
  avatar: AvatarProfile;
  endsAt: number;
  avatarVideo: ReactNode;
  selfView: ReactNode;
  tools: CallToolsView | null;
  /** The backend tool feed and the tool guide, which name the tools: the admin's and emulator mode's. */
  developer: boolean;
}

/** The in-call screen: it reads only the CallModel. */
export function CallView({ model, avatar, endsAt, avatarVideo, selfView, tools, developer }: CallViewProps) {
  const [captions, setCaptions] = useState(false);
  const transcriptOn = appConfig.features.transcript;
  const caption = [...model.transcript].reverse().find((line) => line.speaker === 'avatar' || !line.final);

  return (
    <section className="stage stage--call in-call" aria-label={`Call with ${avatar.name}`}>
      <div className="in-call__status">
        <Badge tone={model.status} data-testid="call-status">
          {STATUS_LABEL[model.status]}
        </Badge>
        <Badge tone={`quality-${model.quality}`} data-testid="connection-quality">
          Connection: {QUALITY_LABEL[model.quality]}
        </Badge>
        <CallCountdown endsAt={endsAt} onElapsed={model.end} />
      </div>
      <p className="sr-only" role="status">
        {model.status === 'reconnecting'
          ? 'Connection lost. Reconnecting…'
          : model.status === 'active'
            ? `Connected to ${avatar.name}.`
            : ''}
      </p>
      {model.audioBlocked && (
        <div className="notice notice--warning" role="alert">
          Your browser blocked the avatar’s audio.{' '}
          <button type="button" className="button button--primary" onClick={model.unlockAudio}>
            Play audio
          </button>
        </div>
      )}

      <div className="in-call__media">
        <div className="in-call__avatar" data-speaking={model.speaking.avatar}>
          {avatarVideo}
          {transcriptOn && captions && caption && (
            <p className={`captions${caption.final ? '' : ' captions--interim'}`} aria-hidden="true" data-testid="captions">
              {caption.text}
            </p>
          )}
          <span className="speaking-chip" hidden={!model.speaking.avatar}>
            {avatar.name} is speaking
          </span>
        </div>
        <div className="in-call__self" data-speaking={model.speaking.user}>
          {selfView}
          <span className="speaking-chip" hidden={!model.speaking.user}>
            You are speaking
          </span>
        </div>
      </div>

      <CallControls model={model} captions={transcriptOn ? captions : null} onCaptions={setCaptions} />

      {tools?.surface.card && <ToolCard card={tools.surface.card} onDismiss={tools.surface.dismissCard} />}

      {developer && tools && tools.backendNames.length > 0 && <BackendToolFeed calls={tools.backendCalls} />}

      {transcriptOn && <TranscriptPanel lines={model.transcript} avatarName={avatar.name} title={`Call with ${avatar.name}`} />}

      {developer && tools && (
        <section className="call-guide" aria-labelledby="call-guide-title" data-avatar-target="call-guide" id="call-guide">
          <h2 id="call-guide-title">What {avatar.name} can do on this page</h2>
          <ul>
            {tools.names.map((name) => (
              <li key={name}>
                <code>{name}</code>: {DEMO_TOOLS[name].description}
              </li>
            ))}
            {tools.backendNames.map((name) => (
              <li key={name}>
                <code>{name}</code> (answered by this server): {BACKEND_TOOLS[name].description}
              </li>
            ))}
            {tools.pageActions && (
              <li>
                Page actions: point at, scroll to or click the <em>controls</em>, the <em>transcript</em> and this guide.
              </li>
            )}
          </ul>
          <p className="muted">Client tools need an avatar with a preset voice; custom (cloned) voices do not call tools.</p>
        </section>
      )}
    </section>
  );
}
