import type { LatencyMs, ReadyProfile } from './config';
import type { RoomServerOptions } from './room/room-server';
import type { EmulatorState } from './store';

export interface EmulatorOptions {
  queuedMs: number;
  readyMs: { min: number; max: number };
  /** The shape of the time to READY (ready-profiles.ts); uniform over `readyMs` by default. */
  readyProfile?: ReadyProfile;
  readyExpiryMs: number;
  /** Like an organization's usage tier: sessions that may be pending or live at once (0: no limit). */
  maxConcurrentSessions?: number;
  /** The emulated media room: its signalling port, ICE address and limits. */
  room?: RoomServerOptions;
  /**
   * The host browsers reach the emulator at, for the room URL consume hands out (a phone on the LAN gets the
   * LAN address). Unset, the host of the consume request itself is used.
   */
  publicHost?: string;
  /** How long a new custom avatar or voice stays PROCESSING (default 4000 ms). */
  processingMs?: number;
  /** How long an avatar-video task takes from create to SUCCEEDED (default 4000 ms). */
  videoMs?: number;
  /** Where signed media URLs point (the server's public origin + /media); unset, the request's own origin. */
  mediaBaseUrl?: string;
  /** Extra time before answering, per endpoint class (EMULATOR_LATENCY_MS). */
  latency?: LatencyMs;
  /** How DELETE /v1/realtime_sessions/{id} treats ended and READY sessions (sessions.ts cancelSession). */
  cancelRules?: CancelRules;
}

export type CancelRules = 'default' | 'alternate';

export interface EmulatorContext {
  state: EmulatorState;
  options: EmulatorOptions;
  now: () => number;
  random: () => number;
  /** The `url` consume answers: the emulated room's signalling origin, as the browser can reach it. */
  roomUrl: (request: Request) => Promise<string>;
  /** A session's credentials were handed out: its room may prepare (the greeting's speech). */
  roomConsumed?: (roomName: string) => void;
}
