import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  encodeOpus,
  encodeWav,
  FRAME_SAMPLES,
  fliteWav,
  parseWav,
  resampleTo48k,
  synthesizeOpus,
} from '../../../src/room/media/speech-engine.mjs';

const OpusScript = createRequire(import.meta.url)('opusscript') as typeof import('opusscript');

const tone = (hz: number, rate: number, seconds: number, amplitude = 8000) =>
  Int16Array.from({ length: Math.round(rate * seconds) }, (_, index) =>
    Math.round(amplitude * Math.sin((2 * Math.PI * hz * index) / rate)),
  );
const rms = (samples: Int16Array) => Math.sqrt(samples.reduce((sum, sample) => sum + sample * sample, 0) / samples.length);

describe('fliteWav', () => {
  it('speaks a line into a 16 kHz mono WAV of about the right length', () => {
    const { sampleRate, samples } = parseWav(fliteWav('Hello, how are you today?'));
    expect(sampleRate).toBe(16_000);
    expect(samples.length / sampleRate).toBeGreaterThan(1.2);
    expect(samples.length / sampleRate).toBeLessThan(3);
    expect(rms(samples)).toBeGreaterThan(300);
  });

  it('speaks a longer line for longer, and other voices too', () => {
    const short = parseWav(fliteWav('Yes.')).samples.length;
    const long = parseWav(fliteWav('Yes, I would be very happy to tell you all about it.')).samples.length;
    expect(long).toBeGreaterThan(3 * short);
    expect(parseWav(fliteWav('Yes.', { voice: 'kal' })).sampleRate).toBe(8000);
  });

  it('fails with a clear error for an unknown voice or an unusable module', () => {
    expect(() => fliteWav('Hi', { voice: 'hal' as never })).toThrow(RangeError);
    expect(() => fliteWav('Hi', { wasmPath: path.join(process.cwd(), 'package.json') })).toThrow(
      /^Speech synthesis failed: .*not a usable WebAssembly module/,
    );
    expect(() => fliteWav('Hi', { wasmPath: '/nonexistent/flite.wasm' })).toThrow(/^Speech synthesis failed: cannot read the flite module/);
  });
});

describe('WAV', () => {
  it('round-trips 16-bit mono PCM', () => {
    const samples = tone(440, 16_000, 0.1);
    const parsed = parseWav(encodeWav(samples, 16_000));
    expect(parsed.sampleRate).toBe(16_000);
    expect(parsed.samples).toEqual(samples);
  });

  it('refuses what is not 16-bit PCM mono', () => {
    const stereo = encodeWav(new Int16Array(4), 16_000);
    new DataView(stereo.buffer).setUint16(22, 2, true);
    expect(() => parseWav(stereo)).toThrow('Unsupported WAV');
    expect(() => parseWav(new TextEncoder().encode('not a wav file at all'))).toThrow('Not a WAV file.');
  });
});

describe('resampleTo48k', () => {
  it('keeps a tone’s level and shape when upsampling 16 kHz by 3', () => {
    const input = tone(1000, 16_000, 0.2);
    const output = resampleTo48k(input, 16_000);
    expect(output.length).toBe(input.length * 3);
    const ideal = tone(1000, 48_000, 0.2);
    // Away from the edges (the filter's reach), the error is a small fraction of the signal.
    const middle = (samples: Int16Array) => samples.subarray(480, samples.length - 480);
    const error = Int16Array.from(middle(output), (sample, index) => sample - middle(ideal)[index]!);
    expect(rms(middle(output)) / rms(middle(ideal))).toBeCloseTo(1, 1);
    expect(rms(error) / rms(middle(ideal))).toBeLessThan(0.05);
  });

  it('refuses a rate that does not divide 48 kHz', () => {
    expect(() => resampleTo48k(new Int16Array(10), 44_100)).toThrow(RangeError);
  });
});

describe('encodeOpus', () => {
  it('makes 20 ms frames that decode back to the same audio', () => {
    const input = tone(300, 48_000, 0.5);
    const frames = encodeOpus(input);
    expect(frames).toHaveLength(25 + 1);
    const decoder = new OpusScript(48_000, 1);
    const decoded = frames.map((frame) => decoder.decode(Buffer.from(frame)));
    decoder.delete();
    expect(decoded.every((pcm) => pcm.length === FRAME_SAMPLES * 2)).toBe(true);
    const pcm = new Int16Array(Buffer.concat(decoded).buffer.slice(0));
    expect(rms(pcm.subarray(4800, 19_200)) / rms(input)).toBeGreaterThan(0.8);
    // 24 kbit/s is 60 bytes per 20 ms frame; VBR stays near it.
    const mean = frames.reduce((sum, frame) => sum + frame.length, 0) / frames.length;
    expect(mean).toBeGreaterThan(30);
    expect(mean).toBeLessThan(90);
  });
});

describe('synthesizeOpus', () => {
  it('gives the frames, their length and what each half cost', () => {
    const speech = synthesizeOpus('Nice to meet you.');
    expect(speech.durationMs).toBe(speech.frames.length * 20);
    expect(speech.durationMs).toBeGreaterThan(700);
    expect(speech.ttsMs).toBeGreaterThan(0);
    expect(speech.opusMs).toBeGreaterThan(0);
  });
});
