/**
 * What the emulated avatar's voice costs: flite (text → 16 kHz speech, resampled to 48 kHz) and Opus
 * (20 ms frames), per second of speech, as a fraction of real time; and how long the event loop stalls
 * when a line is made in this thread, against the worker thread the room uses.
 *
 *   npm run bench:speech            # BENCH_RUNS=3 rounds of the lines below
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { SpeechSynthesizer } from '../emulator/src/room/media/speech';
import { synthesizeOpus } from '../emulator/src/room/media/speech-engine.mjs';

const runs = Number(process.env.BENCH_RUNS ?? 3);
const LINES = [
  "Hi, I'm Ada. It's lovely to meet you!",
  'I can tell you about the weather, the news, or what is on your calendar today.',
  'That is a great question. Let me think about it for a moment.',
  'Thanks for the chat. Have a wonderful afternoon, and see you soon!',
];

const ratio = (ms: number, speechMs: number) => `${(ms / speechMs).toFixed(3)}× real time`;

async function inline() {
  const warm = synthesizeOpus('Warming up.');
  console.log(
    `first line in a fresh thread (compiles flite, loads Opus): TTS ${warm.ttsMs.toFixed(0)} ms, Opus ${warm.opusMs.toFixed(0)} ms`,
  );
  let speech = 0;
  let tts = 0;
  let opus = 0;
  let longest = 0;
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  for (let run = 0; run < runs; run += 1) {
    for (const line of LINES) {
      const result = synthesizeOpus(line);
      speech += result.durationMs;
      tts += result.ttsMs;
      opus += result.opusMs;
      longest = Math.max(longest, result.ttsMs + result.opusMs);
      // Let the delay monitor's timer run between lines, as a server's would.
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
  delay.disable();
  console.log(`${runs} × ${LINES.length} lines, ${(speech / 1000).toFixed(1)} s of speech:`);
  console.log(`  TTS  ${(tts / (speech / 1000)).toFixed(1)} ms per second of speech (${ratio(tts, speech)})`);
  console.log(`  Opus ${(opus / (speech / 1000)).toFixed(1)} ms per second of speech (${ratio(opus, speech)})`);
  console.log(`  in this thread: the event loop stalls up to ${(delay.max / 1e6).toFixed(0)} ms (longest line ${longest.toFixed(0)} ms)`);
}

async function worker() {
  const synthesizer = new SpeechSynthesizer({ cacheSize: 0 });
  await synthesizer.synthesize('Warming up.');
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const started = performance.now();
  let speech = 0;
  for (let run = 0; run < runs; run += 1) {
    for (const line of LINES) speech += (await synthesizer.synthesize(line)).durationMs;
  }
  const elapsed = performance.now() - started;
  delay.disable();
  await synthesizer.close();
  console.log(
    `  in the worker: ${ratio(elapsed, speech)} end to end; the event loop stalls up to ${(delay.max / 1e6).toFixed(0)} ms (p99 ${(delay.percentile(99) / 1e6).toFixed(0)} ms)`,
  );
}

/** The same monitor over a second of doing nothing: what a busy shared machine's scheduler adds alone. */
async function idle() {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  delay.disable();
  console.log(
    `  idle, for comparison: the event loop stalls up to ${(delay.max / 1e6).toFixed(0)} ms (p99 ${(delay.percentile(99) / 1e6).toFixed(0)} ms)`,
  );
}

inline()
  .then(worker)
  .then(idle)
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
