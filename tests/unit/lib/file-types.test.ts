import { describe, expect, it } from 'vitest';
import { measureRecording, sniffAudio, sniffImage } from '@/lib/file-types';

const bytes = (...parts: Array<string | number[]>) =>
  new Uint8Array(parts.flatMap((part) => (typeof part === 'string' ? [...part].map((char) => char.charCodeAt(0)) : part)));

describe('sniffAudio', () => {
  it.each([
    [bytes('RIFF', [0, 0, 0, 0], 'WAVE'), 'audio/wav'],
    [bytes('ID3', [4, 0]), 'audio/mpeg'],
    [bytes([0xff, 0xfb, 0x90]), 'audio/mpeg'],
    [bytes('OggS', [0]), 'audio/ogg'],
    [bytes('fLaC'), 'audio/flac'],
    [bytes([0, 0, 0, 0x20], 'ftypM4A '), 'audio/mp4'],
    [bytes([0x1a, 0x45, 0xdf, 0xa3]), 'audio/webm'],
  ])('recognises %s as %s', (input, mime) => {
    expect(sniffAudio(input)?.mime).toBe(mime);
  });

  it.each([
    ['a PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
    ['RIFF that is not WAVE (an AVI)', bytes('RIFF', [0, 0, 0, 0], 'AVI ')],
    ['text', bytes('hello world')],
    ['nothing', bytes()],
  ])('refuses %s', (_name, input) => {
    expect(sniffAudio(input)).toBeNull();
  });
});

describe('sniffImage', () => {
  it.each([
    [bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'image/png'],
    [bytes([0xff, 0xd8, 0xff, 0xe0]), 'image/jpeg'],
    [bytes('RIFF', [0, 0, 0, 0], 'WEBP'), 'image/webp'],
  ])('recognises %s as %s', (input, type) => {
    expect(sniffImage(input)).toBe(type);
  });

  it.each([
    ['text named .png', bytes('not really a png')],
    ['a GIF', bytes('GIF89a')],
    ['a WAV', bytes('RIFF', [0, 0, 0, 0], 'WAVE')],
  ])('refuses %s', (_name, input) => {
    expect(sniffImage(input)).toBeNull();
  });
});

describe('measureRecording', () => {
  /** A PCM WAV: 16 kHz mono 16-bit is 32 000 bytes per second of audio. */
  function wav(seconds: number) {
    const data = 32_000 * seconds;
    const buffer = new Uint8Array(44 + data);
    const view = new DataView(buffer.buffer);
    buffer.set(bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt '), 0);
    view.setUint32(16, 16, true);
    view.setUint16(20, 1, true);
    view.setUint16(22, 1, true);
    view.setUint32(24, 16_000, true);
    view.setUint32(28, 32_000, true);
    buffer.set(bytes('data'), 36);
    view.setUint32(40, data, true);
    return buffer;
  }

  it('reads a WAV recording’s length from its header', () => {
    expect(measureRecording(wav(12))).toEqual({ type: 'audio/wav', durationSeconds: 12 });
  });

  it('refuses audio it cannot measure: a lone MP3 sync word, an Ogg file, text', () => {
    expect(measureRecording(bytes([0xff, 0xfb, 0x90]))).toBeNull();
    expect(measureRecording(bytes('OggS', [0]))).toBeNull();
    expect(measureRecording(bytes('hello world'))).toBeNull();
  });
});
