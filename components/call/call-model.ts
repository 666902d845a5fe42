/**
 * The one interface the call view reads, implemented by use-live-call-model.ts over the Runway React SDK and
 * the LiveKit hooks it is built on. The same implementation runs against Runway and against the emulator's
 * LiveKit-compatible room, so every piece of the in-call UI is tested the way visitors use it.
 */

export type CallStatus = 'connecting' | 'active' | 'reconnecting' | 'ended';
export type Speaker = 'avatar' | 'user';
/** LiveKit's connection-quality scale, which the Runway core also emits. */
export type ConnectionQuality = 'excellent' | 'good' | 'poor' | 'lost' | 'unknown';

export interface TranscriptLine {
  id: string;
  speaker: Speaker;
  text: string;
  /** Interim text is still being spoken (or recognised) and may change. */
  final: boolean;
}

export interface MediaControl {
  enabled: boolean;
  /** Why the device could not be used, in words a visitor can act on. */
  error: string | null;
  toggle: () => void;
}

export interface DeviceChoice {
  kind: MediaDeviceKind;
  devices: Array<{ deviceId: string; label: string }>;
  activeId: string | undefined;
  select: (deviceId: string) => void;
}

export interface CallModel {
  status: CallStatus;
  speaking: Record<Speaker, boolean>;
  quality: ConnectionQuality;
  transcript: TranscriptLine[];
  mic: MediaControl;
  camera: MediaControl;
  /** Null where the browser cannot share its screen (phones). */
  screenShare: MediaControl | null;
  devices: DeviceChoice[];
  /** The browser blocked the avatar's audio until the visitor interacts. */
  audioBlocked: boolean;
  unlockAudio: () => void;
  end: () => void;
}

/** What the visitor chose in the pre-join check, applied when the call connects. */
export interface MediaPreferences {
  audio: boolean;
  video: boolean;
  audioInputId?: string;
  videoInputId?: string;
  audioOutputId?: string;
}

export const DEFAULT_PREFERENCES: MediaPreferences = { audio: true, video: true };

export function canShareScreen() {
  return typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getDisplayMedia === 'function';
}
