/**
 * Writes the e2e fake microphone's WAV: a visitor's spoken line (flite, through the app's speech engine),
 * then 3 s of silence, 16 kHz mono. Chromium's --use-file-for-fake-audio-capture loops it, so each loop is
 * one utterance and one pause. Called by scripts/make-room-media.sh:
 *
 *   npx tsx scripts/make-visitor-speech.ts emulator/tests/fixtures/visitor-speech.wav
 */
import { writeFileSync } from 'node:fs';
import { encodeWav, fliteWav, parseWav } from '../emulator/src/room/media/speech-engine.mjs';

const LINE = 'Hello, how are you today?';
const SILENCE_S = 3;

const output = process.argv[2];
if (!output) throw new Error('Usage: tsx scripts/make-visitor-speech.ts <output.wav>');
const { sampleRate, samples } = parseWav(fliteWav(LINE));
const padded = new Int16Array(samples.length + SILENCE_S * sampleRate);
padded.set(samples);
writeFileSync(output, encodeWav(padded, sampleRate));
console.log(`${output}: ${(samples.length / sampleRate).toFixed(2)} s of speech, then ${SILENCE_S} s of silence, ${sampleRate} Hz`);
