'use client';

import { useEffect } from 'react';
import { AvatarPortrait } from '@/components/avatars/avatar-portrait';
import { callToolsFor } from '@/lib/app-config';
import type { CallStageProps } from './call-stage';
import { CallView } from './call-view';
import { useEmulatedCall } from './use-emulated-call';
import { useToolSurface } from './use-tool-surface';

/**
 * A call on the emulator: everything up to these credentials was the real flow, but they point at no media
 * server, so a scripted model drives the same call view a live call uses.
 */
export function EmulatedCall({ avatar, credentials, endsAt, preferences, startScript, onConnected, onEnded, onError, onTranscript }: CallStageProps) {
  const toolConfig = callToolsFor(avatar.id);
  const surface = useToolSurface();
  const { attachSelfVideo, cameraOn, ...model } = useEmulatedCall({
    credentials,
    avatarName: avatar.name,
    startScript,
    preferences,
    onToolEvent: toolConfig ? surface.handle : null,
    onConnected,
    onEnded,
    onError: () => onError(),
  });

  const { transcript } = model;
  useEffect(() => onTranscript(transcript), [transcript, onTranscript]);

  return (
    <CallView
      model={model}
      avatar={avatar}
      endsAt={endsAt}
      avatarVideo={<AvatarPortrait avatar={avatar} size="stage" />}
      selfView={
        cameraOn && model.camera.enabled ? (
          <video ref={attachSelfVideo} autoPlay muted playsInline aria-label="Your camera" className="self-video" />
        ) : (
          <p className="self-view__off">{model.camera.enabled ? 'Camera unavailable' : 'Camera off'}</p>
        )
      }
      tools={toolConfig ? { surface, names: toolConfig.tools, pageActions: toolConfig.pageActions } : null}
    />
  );
}
