import 'server-only';
import type { EmulatorState } from './store';

export interface EmulatorOptions {
  queuedMs: number;
  readyMs: { min: number; max: number };
  readyExpiryMs: number;
  /** Where emulated credentials point. `.invalid` never resolves, so nothing can pretend to be a media server. */
  livekitUrl: string;
}

export interface EmulatorContext {
  state: EmulatorState;
  options: EmulatorOptions;
  now: () => number;
  random: () => number;
}
