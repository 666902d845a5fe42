import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeSpeech, SpeechSynthesizer, synthesize } from '../../../src/room/media/speech';

const synthesizers: SpeechSynthesizer[] = [];
const synthesizer = (options?: ConstructorParameters<typeof SpeechSynthesizer>[0]) => {
  const created = new SpeechSynthesizer(options);
  synthesizers.push(created);
  return created;
};
afterEach(async () => {
  await Promise.all(synthesizers.splice(0).map((created) => created.close()));
  await closeSpeech();
});

describe('SpeechSynthesizer (worker thread)', () => {
  it('turns text into 20 ms Opus frames, off the main thread', async () => {
    const speech = await synthesizer().synthesize('Hello! I am your friendly avatar.');
    expect(speech.durationMs).toBe(speech.frames.length * 20);
    expect(speech.durationMs).toBeGreaterThan(1500);
    expect(speech.frames.every((frame) => frame.length > 0 && frame.length < 400)).toBe(true);
  });

  it('answers a repeated line from its cache, and forgets the least recently used beyond its size', async () => {
    const speech = synthesizer({ cacheSize: 2 });
    const hello = await speech.synthesize('Hello.');
    expect(await speech.synthesize('  Hello. ')).toBe(hello);
    await speech.synthesize('Goodbye.');
    expect(await speech.synthesize('Hello.')).toBe(hello);
    await speech.synthesize('See you.');
    // "Goodbye." was the least recently used of three: synthesised anew, equal but not the same object.
    const again = await speech.synthesize('Goodbye.');
    expect(await speech.synthesize('Hello.')).not.toBe(hello);
    expect(again.frames.length).toBeGreaterThan(0);
  });

  it('synthesises nothing for blank text', async () => {
    expect(await synthesizer().synthesize('   ')).toEqual({ frames: [], durationMs: 0 });
  });

  it('rejects with the engine’s error when flite cannot run', async () => {
    const speech = synthesizer({ wasmPath: path.join(process.cwd(), 'package.json') });
    await expect(speech.synthesize('Hello.')).rejects.toThrow(/^Speech synthesis failed: .*not a usable WebAssembly module/);
  });

  it('rejects what is pending when the worker stops, caches no failure, and starts a new worker', async () => {
    const speech = synthesizer();
    const pending = speech.synthesize('This line is tried twice.');
    await speech.close();
    await expect(pending).rejects.toThrow('Speech worker stopped');
    expect((await speech.synthesize('This line is tried twice.')).frames.length).toBeGreaterThan(0);
  });
});

describe('synthesize', () => {
  it('shares one synthesiser and its cache across callers', async () => {
    const first = await synthesize('Welcome back.');
    expect(await synthesize('Welcome back.')).toBe(first);
  });
});
