'use client';

// Imported only from live-call.tsx, which the call screen loads with next/dynamic.
import {
  useAudioPlayback,
  useConnectionQualityIndicator,
  useConnectionState,
  useLocalParticipant,
  useMediaDeviceSelect,
  useRoomContext,
  useSpeakingParticipants,
} from '@livekit/components-react';
import { useAvatarSession, useLocalMedia, useTranscript } from '@runwayml/avatars-react';
import { useEffect, useMemo, useRef } from 'react';
import { appConfig } from '@/lib/app-config';
import { canShareScreen, type CallModel, type CallStatus, type DeviceChoice, type MediaPreferences } from './call-model';
import { toLines } from './transcript';

/**
 * The live call model, inside `<AvatarProvider>`. The Runway React SDK gives session state, local media and
 * the transcript; it does not surface what its core emits for connection quality, speaking, reconnecting,
 * blocked audio or device switching, so those come from the LiveKit React hooks the SDK is built on (it
 * renders LiveKit's room context). Nothing here is simulated.
 */
export function useLiveCallModel(preferences: MediaPreferences): CallModel {
  const room = useRoomContext();
  const session = useAvatarSession();
  const connection = useConnectionState();
  const media = useLocalMedia();
  const { localParticipant } = useLocalParticipant();
  const speakers = useSpeakingParticipants();
  const { quality } = useConnectionQualityIndicator({ participant: localParticipant });
  const { canPlayAudio, startAudio } = useAudioPlayback();
  const segments = useTranscript({ interim: true });

  // The pre-join choices, once connected: switching devices while livekit-client's first offer is pending
  // (before the answer) leaves Chrome unable to apply that offer, and the call falls into reconnects.
  // Applied once: a later reconnect must not undo a switch made in the Devices menu.
  const connected = connection === 'connected';
  const applied = useRef(false);
  useEffect(() => {
    if (!connected || applied.current) return;
    applied.current = true;
    const choices: Array<[MediaDeviceKind, string | undefined]> = [
      ['audioinput', preferences.audioInputId],
      ['videoinput', preferences.videoInputId],
      ['audiooutput', preferences.audioOutputId],
    ];
    for (const [kind, deviceId] of choices) if (deviceId) room.switchActiveDevice(kind, deviceId).catch(() => undefined);
  }, [room, connected, preferences.audioInputId, preferences.videoInputId, preferences.audioOutputId]);

  // requestPermissions defaults to true, which opens every device to read labels: not for a visitor who joined
  // with the camera off. The pre-join check already asked, so labels are there.
  const mics = useMediaDeviceSelect({ kind: 'audioinput', room, requestPermissions: false });
  const cameras = useMediaDeviceSelect({ kind: 'videoinput', room, requestPermissions: false });
  const speakersOut = useMediaDeviceSelect({ kind: 'audiooutput', room, requestPermissions: false });
  const canPickSpeaker = typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;

  const transcript = useMemo(() => toLines(segments, localParticipant.identity), [segments, localParticipant.identity]);

  const status: CallStatus =
    connection === 'reconnecting' || connection === 'signalReconnecting'
      ? 'reconnecting'
      : session.state === 'active'
        ? 'active'
        : session.state === 'ended' || session.state === 'ending'
          ? 'ended'
          : 'connecting';

  const choice = (kind: MediaDeviceKind, select: ReturnType<typeof useMediaDeviceSelect>): DeviceChoice => ({
    kind,
    devices: select.devices
      .filter((device) => device.deviceId)
      .map((device) => ({ deviceId: device.deviceId, label: device.label || kind })),
    activeId: select.activeDeviceId || undefined,
    select: (deviceId) => void select.setActiveMediaDevice(deviceId),
  });

  return {
    status,
    speaking: {
      user: speakers.some((participant) => participant.identity === localParticipant.identity),
      avatar: speakers.some((participant) => participant.identity !== localParticipant.identity),
    },
    quality,
    transcript,
    mic: { enabled: media.isMicEnabled, error: media.micError?.message ?? null, toggle: media.toggleMic },
    camera: { enabled: media.isCameraEnabled, error: media.cameraError?.message ?? null, toggle: media.toggleCamera },
    screenShare:
      appConfig.features.screenShare && canShareScreen()
        ? { enabled: media.isScreenShareEnabled, error: null, toggle: media.toggleScreenShare }
        : null,
    devices: [choice('audioinput', mics), choice('videoinput', cameras), ...(canPickSpeaker ? [choice('audiooutput', speakersOut)] : [])],
    audioBlocked: !canPlayAudio,
    unlockAudio: () => void startAudio(),
    end: () => void session.end(),
  };
}
