/**
 * Opus over RTP (RFC 7587): one Opus packet is the whole RTP payload, no descriptor. The clock is always
 * 48 kHz, so a 20 ms frame advances the timestamp by 960; the marker bit goes on the first packet after
 * a silence (the start of a talkspurt).
 */

export const OPUS_CLOCK_RATE = 48_000;
export const OPUS_FRAME_MS = 20;
export const OPUS_FRAME_TICKS = (OPUS_CLOCK_RATE * OPUS_FRAME_MS) / 1000;

/** The RTP timestamp of the `frameIndex`-th 20 ms frame after `base` (wrapping at 2^32). */
export function opusRtpTimestamp(base: number, frameIndex: number) {
  return (base + frameIndex * OPUS_FRAME_TICKS) >>> 0;
}
