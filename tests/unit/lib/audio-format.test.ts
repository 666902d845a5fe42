import { describe, expect, it } from 'vitest';
import { sniffAudio } from '@/lib/audio-format';

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
