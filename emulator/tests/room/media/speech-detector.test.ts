import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type OpusPacketInfo, SpeechDetector, type SpeechEvent } from '../../../src/room/media/speech-detector';
import { FRAME_SAMPLES, parseWav, resampleTo48k } from '../../../src/room/media/speech-engine.mjs';

const OpusScript = createRequire(import.meta.url)('opusscript') as typeof import('opusscript');

/** A 20 ms packet stream: `sizes[i]` bytes for frame i, or null where the sender sent nothing (DTX). */
function stream(sizes: Array<number | null>, { start = 1000, timestamp = 12_345 } = {}): OpusPacketInfo[] {
  return sizes.flatMap((size, index) =>
    size === null ? [] : [{ arrivalMs: start + index * 20, rtpTimestamp: timestamp + index * 960, payloadBytes: size }],
  );
}

/** Feeds the packets, ticking the clock every 20 ms in between as a room's timer would. */
function detect(packets: OpusPacketInfo[], detector = new SpeechDetector(), tailMs = 2000) {
  const events: SpeechEvent[] = [];
  let clock = packets[0]?.arrivalMs ?? 0;
  for (const packet of packets) {
    for (; clock < packet.arrivalMs; clock += 20) events.push(...detector.advance(clock));
    events.push(...detector.packet(packet));
  }
  for (const end = clock + tailMs; clock <= end; clock += 20) events.push(...detector.advance(clock));
  return events;
}

const repeat = <T>(value: T, count: number) => Array.from({ length: count }, () => value);
/** DTX silence as libopus and WebRTC send it: one 1-byte packet, then a ~32-byte refresh every 21st frame. */
const dtxSilence = (frames: number) => Array.from({ length: frames }, (_, index) => (index === 0 ? 1 : index % 21 === 0 ? 32 : null));

describe('SpeechDetector', () => {
  it('finds one utterance, ends it after the hangover and measures it by RTP time', () => {
    const events = detect(stream([...dtxSilence(50), ...repeat(80, 50), ...dtxSilence(100)]));
    expect(events.map((event) => event.type)).toEqual(['speech-start', 'speech-end']);
    const [start, end] = events as [SpeechEvent, Extract<SpeechEvent, { type: 'speech-end' }>];
    // Speech from frame 50: confirmed after 300 ms of it, ended 700 ms after its last packet.
    expect(start.atMs).toBe(1000 + (50 + 14) * 20);
    expect(end.durationMs).toBe(1000);
    expect(end.atMs).toBeGreaterThanOrEqual(1000 + 99 * 20 + 700);
    expect(end.atMs).toBeLessThan(1000 + 99 * 20 + 700 + 40);
  });

  it('ignores a blip shorter than the minimum, and DTX refresh packets however long the silence', () => {
    expect(detect(stream([...dtxSilence(20), ...repeat(80, 10), ...dtxSilence(60)]))).toEqual([]);
    expect(detect(stream(dtxSilence(3000)))).toEqual([]);
    // Refresh packets as loud as speech, once every 420 ms, never add up to an utterance.
    expect(detect(stream(Array.from({ length: 3000 }, (_, index) => (index % 21 === 0 ? 90 : null))))).toEqual([]);
  });

  it('keeps pauses shorter than the hangover inside one utterance', () => {
    const events = detect(stream([...repeat(80, 30), ...repeat(30, 10), ...dtxSilence(15), ...repeat(80, 30), ...dtxSilence(100)]));
    expect(events.map((event) => event.type)).toEqual(['speech-start', 'speech-end']);
    expect(events[1]).toMatchObject({ durationMs: (30 + 10 + 15 + 30) * 20 });
  });

  it('splits utterances separated by more than the hangover', () => {
    const events = detect(stream([...repeat(80, 30), ...dtxSilence(40), ...repeat(80, 30), ...dtxSilence(60)]));
    expect(events.map((event) => event.type)).toEqual(['speech-start', 'speech-end', 'speech-start', 'speech-end']);
  });

  it('uses the audio level when the packet has one, whatever its size', () => {
    const loud = stream(repeat(20, 40)).map((packet) => ({ ...packet, audioLevel: 30 }));
    expect(detect(loud).map((event) => event.type)).toEqual(['speech-start', 'speech-end']);
    const quiet = stream(repeat(120, 40)).map((packet) => ({ ...packet, audioLevel: 90 }));
    expect(detect(quiet)).toEqual([]);
  });

  it('honours its options', () => {
    const options = { minSpeechBytes: 100, minUtteranceMs: 100, hangoverMs: 200 };
    expect(detect(stream(repeat(80, 40)), new SpeechDetector(options))).toEqual([]);
    const events = detect(
      stream([...repeat(120, 6), ...dtxSilence(15), ...repeat(120, 6), ...dtxSilence(15)]),
      new SpeechDetector(options),
    );
    expect(events.map((event) => event.type)).toEqual(['speech-start', 'speech-end', 'speech-start', 'speech-end']);
  });

  it('ends an endless utterance at its maximum length', () => {
    const events = detect(stream(repeat(80, 250)), new SpeechDetector({ maxUtteranceMs: 2000 }));
    // 5 s of speech: 2 s, then 2 s again, then what is left (the 20 ms that ended the second starts the third).
    expect(events.flatMap((event) => (event.type === 'speech-end' ? [event.durationMs] : []))).toEqual([2000, 2000, 1000]);
  });

  it('ignores duplicate and late packets, and follows the RTP timestamp across its wrap', () => {
    const packets = stream(repeat(80, 40), { timestamp: 2 ** 32 - 960 * 20 });
    const messy = packets.flatMap((packet, index) => (index === 10 ? [packet, packet, packets[5]!] : [packet]));
    const events = detect(messy);
    expect(events.map((event) => event.type)).toEqual(['speech-start', 'speech-end']);
    expect(events[1]).toMatchObject({ durationMs: 800 });
  });

  it('reports whether an utterance is under way', () => {
    const detector = new SpeechDetector();
    expect(detector.speaking).toBe(false);
    for (const packet of stream(repeat(80, 20))) detector.packet(packet);
    expect(detector.speaking).toBe(true);
  });
});

/**
 * The e2e fake microphone's WAV, looped three times and encoded as Chromium does for livekit-client's mic:
 * Opus at 48 kHz, 20 ms, 32 kbit/s, DTX on, and WebRTC's rule of sending only the first 1–2-byte DTX packet
 * of a silence. Its line lasts about 1.7 s between flite's own lead-in and tail.
 */
function visitorStream() {
  const wav = parseWav(readFileSync(fileURLToPath(new URL('../../fixtures/visitor-speech.wav', import.meta.url))));
  const samples = resampleTo48k(wav.samples, wav.sampleRate);
  const encoder = new OpusScript(48_000, 1, OpusScript.Application.VOIP);
  encoder.setBitrate(32_000);
  const OPUS_SET_DTX = 4016;
  encoder.encoderCTL(OPUS_SET_DTX, 1);
  const frames: Array<{ size: number; level: number }> = [];
  for (let loop = 0; loop < 3; loop += 1) {
    for (let offset = 0; offset + FRAME_SAMPLES <= samples.length; offset += FRAME_SAMPLES) {
      const frame = samples.slice(offset, offset + FRAME_SAMPLES);
      const size = encoder.encode(Buffer.from(frame.buffer), FRAME_SAMPLES).length;
      // RFC 6464: the frame's level in −dBov, 127 for digital silence.
      const rms = Math.sqrt(frame.reduce((sum, sample) => sum + sample * sample, 0) / frame.length);
      frames.push({ size, level: rms === 0 ? 127 : Math.min(127, Math.round(-20 * Math.log10(rms / 32_768))) });
    }
  }
  encoder.delete();
  let inDtx = false;
  const sent = frames.map((frame) => {
    const dtx = frame.size <= 2;
    const send = !dtx || !inDtx;
    inDtx = dtx;
    return send ? frame : null;
  });
  expect(sent.filter((frame) => frame === null).length).toBeGreaterThan(200);
  const packets = sent.map((frame, index) =>
    frame === null ? null : { arrivalMs: index * 20, rtpTimestamp: index * 960, payloadBytes: frame.size, audioLevel: frame.level },
  );
  return packets.filter((packet) => packet !== null);
}

describe('SpeechDetector on the fake microphone’s real Opus stream', () => {
  const packets = visitorStream();
  // Sizes also count flite's soft lead-in and the encoder's tail (≈ 2.0 s); levels only the voice (≈ 1.6 s).
  const expectLineLengths = (events: SpeechEvent[]) => {
    for (const event of events) {
      if (event.type !== 'speech-end') continue;
      expect(event.durationMs).toBeGreaterThan(1400);
      expect(event.durationMs).toBeLessThan(2200);
    }
  };

  it('finds exactly one utterance of about the line’s length per loop, from packet sizes', () => {
    const events = detect(packets.map((packet) => ({ ...packet, audioLevel: undefined })));
    expect(events.map((event) => event.type)).toEqual(repeat(['speech-start', 'speech-end'], 3).flat());
    expectLineLengths(events);
  });

  it('finds the same from the audio level', () => {
    const events = detect(packets);
    expect(events.map((event) => event.type)).toEqual(repeat(['speech-start', 'speech-end'], 3).flat());
    expectLineLengths(events);
  });
});
