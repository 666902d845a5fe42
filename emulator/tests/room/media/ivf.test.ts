import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isVp8Keyframe, parseIvf } from '../../../src/room/media/ivf';

/** An IVF file of the given VP8 frames, 1/30 s time base, as vpxenc writes it. */
function ivf(frames: Uint8Array[], { fourcc = 'VP80', timestamps = frames.map((_, index) => index) } = {}) {
  const file = Buffer.alloc(32 + frames.reduce((sum, frame) => sum + 12 + frame.length, 0));
  file.write('DKIF', 0);
  file.writeUInt16LE(0, 4);
  file.writeUInt16LE(32, 6);
  file.write(fourcc, 8);
  file.writeUInt16LE(320, 12);
  file.writeUInt16LE(180, 14);
  file.writeUInt32LE(30, 16);
  file.writeUInt32LE(1, 20);
  file.writeUInt32LE(frames.length, 24);
  let offset = 32;
  frames.forEach((frame, index) => {
    file.writeUInt32LE(frame.length, offset);
    file.writeBigUInt64LE(BigInt(timestamps[index]!), offset + 4);
    file.set(frame, offset + 12);
    offset += 12 + frame.length;
  });
  return new Uint8Array(file);
}

// A key frame's tag (bit 0 clear, shown) and start code; an interframe's tag has bit 0 set.
const keyframe = Uint8Array.from([0x10, 0x02, 0x00, 0x9d, 0x01, 0x2a, 0x40, 0x01, 0xb4, 0x00, 0xaa]);
const interframe = Uint8Array.from([0x31, 0x01, 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77]);

describe('parseIvf', () => {
  it('reads the header, the frames, their times and which are keyframes', () => {
    const parsed = parseIvf(ivf([keyframe, interframe, interframe], { timestamps: [0, 1, 3] }));
    expect(parsed.header).toEqual({
      fourcc: 'VP80',
      width: 320,
      height: 180,
      timebaseNumerator: 1,
      timebaseDenominator: 30,
      frameCount: 3,
    });
    expect(parsed.frames.map((frame) => [frame.timestamp, Math.round(frame.timeMs), frame.keyframe, frame.data.length])).toEqual([
      [0, 0, true, 11],
      [1, 33, false, 10],
      [3, 100, false, 10],
    ]);
    expect(parsed.frameDurationMs).toBeCloseTo(1000 / 30);
    expect(Buffer.from(parsed.frames[1]!.data)).toEqual(Buffer.from(interframe));
  });

  it('marks no keyframes in a stream that is not VP8', () => {
    expect(parseIvf(ivf([keyframe], { fourcc: 'VP90' })).frames[0]!.keyframe).toBe(false);
  });

  it('refuses a file that is not IVF, or is cut short', () => {
    expect(() => parseIvf(new TextEncoder().encode('RIFF....WAVEfmt and more than thirty-two bytes'))).toThrow('Not an IVF file');
    const whole = ivf([keyframe, interframe]);
    expect(() => parseIvf(whole.subarray(0, whole.length - 3))).toThrow('Truncated IVF frame at byte');
    expect(() => parseIvf(whole.subarray(0, 32 + 12 + keyframe.length + 5))).toThrow('Truncated IVF frame header');
  });
});

describe('isVp8Keyframe', () => {
  it('needs both the key-frame bit and the start code', () => {
    expect(isVp8Keyframe(keyframe)).toBe(true);
    expect(isVp8Keyframe(interframe)).toBe(false);
    expect(isVp8Keyframe(Uint8Array.from([0x10, 0x02, 0x00, 0x00, 0x00, 0x00, 0, 0, 0, 0]))).toBe(false);
    expect(isVp8Keyframe(keyframe.subarray(0, 6))).toBe(false);
  });
});

describe('the committed avatar loops', () => {
  const assets = fileURLToPath(new URL('../../../src/room/assets', import.meta.url));
  const loops = ['avatar-idle.ivf', 'avatar-talking.ivf'].map((name) => parseIvf(readFileSync(path.join(assets, name))));

  it('are 640×360 VP8 at 24 fps, start on a keyframe and have one at least every second', () => {
    for (const loop of loops) {
      expect(loop.header).toMatchObject({ fourcc: 'VP80', width: 640, height: 360 });
      expect(loop.frameDurationMs).toBeCloseTo(1000 / 24);
      expect(loop.frames[0]!.keyframe).toBe(true);
      const keyframes = loop.frames.flatMap((frame, index) => (frame.keyframe ? [index] : []));
      const gaps = keyframes.map((index, position) => (keyframes[position + 1] ?? loop.frames.length) - index);
      expect(Math.max(...gaps)).toBeLessThanOrEqual(24);
    }
    expect(loops.map((loop) => loop.frames.length)).toEqual([96, 48]);
  });

  it('are, with the fake-microphone WAV, well under 2 MB in all', () => {
    const files = [
      path.join(assets, 'avatar-idle.ivf'),
      path.join(assets, 'avatar-talking.ivf'),
      fileURLToPath(new URL('../../fixtures/visitor-speech.wav', import.meta.url)),
    ];
    expect(files.reduce((sum, file) => sum + statSync(file).size, 0)).toBeLessThan(1024 * 1024);
  });
});
