import type { SessionPhase } from '@/lib/schemas/sessions';

/** App-shaped data shared by server and browser. Runway's wire format never leaves lib/server/runway/. */

export type RunwayMode = 'live' | 'emulator';

export interface AvatarProfile {
  id: string;
  kind: 'preset' | 'custom';
  name: string;
  /** A short line under the name: the preset's role, or the custom avatar's voice. */
  subtitle: string;
  imageUrl: string | null;
  status: 'READY' | 'PROCESSING' | 'FAILED';
  /** Hue for the placeholder tile when there is no image. */
  hue: number;
}

/** What `<AvatarCall credentials>` takes: note `serverUrl`, which Runway's consume calls `url`. */
export interface CallCredentials {
  sessionId: string;
  serverUrl: string;
  token: string;
  roomName: string;
}

export interface SessionFailure {
  code: string;
  message: string;
}

export interface SessionProgress {
  sessionId: string;
  phase: SessionPhase;
  /** Seconds the call may last, counted from when credentials are handed over. */
  maxDurationSeconds?: number;
  failure?: SessionFailure;
  durationSeconds?: number;
}

export interface StartedSession {
  sessionId: string;
  createdAt: string;
  maxDurationSeconds: number;
}
