import 'server-only';
import type { EmulatorReadyProfile } from '@/lib/env-schema';
import type { EmulatorState } from './store';

export interface EmulatorOptions {
  queuedMs: number;
  readyMs: { min: number; max: number };
  /** The shape of the time to READY (ready-profiles.ts); uniform over `readyMs` by default. */
  readyProfile?: EmulatorReadyProfile;
  readyExpiryMs: number;
  /** Like an organization's usage tier: sessions that may be pending or live at once (0: no limit). */
  maxConcurrentSessions?: number;
  /** Where emulated credentials point; EMULATED_LIVEKIT_URL unless a test names another. */
  livekitUrl?: string;
  /** How long a new custom avatar or voice stays PROCESSING (default 4000 ms). */
  processingMs?: number;
  /** How long an avatar-video task takes from create to SUCCEEDED (default 4000 ms). */
  videoMs?: number;
  /**
   * Where signed media URLs point: the app serves the in-process emulator's media at /api/emulator/media.
   * Unset (`npm run emulator`, tests), the emulator serves them itself at `<its origin>/media`.
   */
  mediaBaseUrl?: string;
}

export interface EmulatorContext {
  state: EmulatorState;
  options: EmulatorOptions;
  now: () => number;
  random: () => number;
}
