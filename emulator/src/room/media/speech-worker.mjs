/**
 * The speech worker thread: speech.ts starts it from this file on disk (see there why), posts
 * `{ id, text, options }` and gets back `{ id, data, sizes, durationMs, ttsMs, opusMs }` — every Opus frame
 * in one transferred buffer, since thousands of small arrays would each be cloned — or `{ id, error }`.
 * No `server-only` import, like speech-engine.mjs: plain Node loads this file, not the bundler.
 */
import { parentPort } from 'node:worker_threads';
import { synthesizeOpus } from './speech-engine.mjs';

if (!parentPort) throw new Error('speech-worker.mjs runs as a worker thread only.');
const port = parentPort;

port.on('message', ({ id, text, options }) => {
  try {
    const { frames, durationMs, ttsMs, opusMs } = synthesizeOpus(text, options);
    const sizes = frames.map((frame) => frame.length);
    const data = new Uint8Array(sizes.reduce((sum, size) => sum + size, 0));
    let offset = 0;
    for (const frame of frames) {
      data.set(frame, offset);
      offset += frame.length;
    }
    port.postMessage({ id, data, sizes, durationMs, ttsMs, opusMs }, [data.buffer]);
  } catch (error) {
    port.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
