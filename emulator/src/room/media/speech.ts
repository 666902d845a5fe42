import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FliteVoice } from './speech-engine.mjs';

/**
 * The avatar's voice: text → 20 ms Opus frames (48 kHz mono), synthesised offline by flite and opusscript in
 * a worker thread, since one line costs 100–300 ms of CPU that would otherwise stall every call's media.
 *
 * The worker is a plain .mjs file beside this module. The thread starts from a line of code that imports
 * it, so the same bootstrap runs under tsx (which would otherwise hand a .mjs worker its own loader) and
 * plain Node.
 */
export const SPEECH_WORKER_FILE = fileURLToPath(new URL('./speech-worker.mjs', import.meta.url));
const WORKER_BOOTSTRAP = "import(require('node:url').pathToFileURL(require('node:worker_threads').workerData.file).href)";

export interface Speech {
  /** One Opus frame per RTP packet. Shared with the cache: do not modify. */
  frames: Uint8Array[];
  durationMs: number;
}

export interface SpeechSynthesizerOptions {
  /** A voice built into flite; default slt. */
  voice?: FliteVoice;
  /** Opus bitrate in bit/s; default 24 000. */
  bitrate?: number;
  /** Lines kept, by text, most recently used first; default 64 (a line is ~3 kB per second of speech). */
  cacheSize?: number;
  /** Another flite.wasm; tests point it at a broken one. */
  wasmPath?: string;
}

type WorkerReply =
  { id: number; data: Uint8Array; sizes: number[]; durationMs: number; ttsMs: number; opusMs: number } | { id: number; error: string };

interface Pending {
  resolve: (speech: Speech) => void;
  reject: (error: Error) => void;
}

export class SpeechSynthesizer {
  private readonly cache = new Map<string, Promise<Speech>>();
  private readonly pending = new Map<number, Pending>();
  private worker: Worker | undefined;
  private nextId = 1;

  constructor(private readonly options: SpeechSynthesizerOptions = {}) {}

  /**
   * Opus frames for the text, from the cache or the worker, in the given voice (else the synthesiser's own).
   * Rejects with a clear Error if flite fails.
   */
  synthesize(text: string, voice = this.options.voice): Promise<Speech> {
    const line = text.trim();
    if (!line) return Promise.resolve({ frames: [], durationMs: 0 });
    const key = `${voice ?? ''}\n${line}`;
    const cached = this.cache.get(key);
    if (cached) {
      // Map order is insertion order: re-inserting marks the line as most recently used.
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    const speech = this.request(line, voice);
    this.cache.set(key, speech);
    // A failure is not cached, so a later call tries again.
    speech.catch(() => this.cache.delete(key));
    const limit = this.options.cacheSize ?? 64;
    for (const key of this.cache.keys()) {
      if (this.cache.size <= limit) break;
      this.cache.delete(key);
    }
    return speech;
  }

  /** Stops the worker; a later synthesize starts a new one. */
  async close() {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private request(text: string, voice: FliteVoice | undefined) {
    const worker = this.worker ?? this.start();
    const id = this.nextId;
    this.nextId += 1;
    // The worker keeps the process alive only while it has work, so a script or test can exit when done.
    if (this.pending.size === 0) worker.ref();
    const { bitrate, wasmPath } = this.options;
    return new Promise<Speech>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, text, options: { voice, bitrate, wasmPath } });
    });
  }

  private start() {
    const worker = new Worker(WORKER_BOOTSTRAP, { eval: true, workerData: { file: SPEECH_WORKER_FILE } });
    worker.unref();
    worker.on('message', (reply: WorkerReply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if ('error' in reply) {
        waiting.reject(new Error(reply.error));
        return;
      }
      const frames: Uint8Array[] = [];
      let offset = 0;
      for (const size of reply.sizes) {
        frames.push(reply.data.subarray(offset, offset + size));
        offset += size;
      }
      waiting.resolve({ frames, durationMs: reply.durationMs });
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on('error', (error) => fail(new Error(`Speech worker failed: ${error.message}`)));
    worker.on('exit', (code) => fail(new Error(`Speech worker stopped (exit code ${code}).`)));
    this.worker = worker;
    return worker;
  }
}

let shared: SpeechSynthesizer | undefined;

/** The process-wide synthesiser: one worker and one cache for every room. */
export function synthesize(text: string, voice?: FliteVoice): Promise<Speech> {
  shared ??= new SpeechSynthesizer();
  return shared.synthesize(text, voice);
}

/** Stops the process-wide worker (tests, shutdown). */
export async function closeSpeech() {
  const current = shared;
  shared = undefined;
  await current?.close();
}
