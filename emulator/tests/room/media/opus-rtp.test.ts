import { describe, expect, it } from 'vitest';
import { OPUS_FRAME_TICKS, opusRtpTimestamp } from '../../../src/room/media/opus-rtp';

describe('opusRtpTimestamp', () => {
  it('moves 960 ticks per 20 ms frame and wraps at 2^32', () => {
    expect(OPUS_FRAME_TICKS).toBe(960);
    expect(opusRtpTimestamp(5, 3)).toBe(5 + 3 * 960);
    expect(opusRtpTimestamp(2 ** 32 - 960, 2)).toBe(960);
  });
});
