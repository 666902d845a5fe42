/**
 * VP8 over RTP (RFC 7741): each packet is a payload descriptor and a slice of one frame. The descriptor is
 * the one-byte form, no picture ID: X=0, N=0, S=1 on the frame's first packet only, PID=0 (the frame is one
 * partition as far as the receiver needs to know). The caller gives every packet of a frame the same RTP
 * timestamp and sets the marker bit on the last one.
 */

export const VP8_CLOCK_RATE = 90_000;
/** Payload bytes per packet (descriptor included): ~1100 stays under any path MTU with SRTP and extensions. */
export const VP8_MAX_PAYLOAD = 1100;

const START_OF_PARTITION = 0x10;

/** The RTP payloads for one VP8 frame, in order. */
export function packetizeVp8(frame: Uint8Array, maxPayload = VP8_MAX_PAYLOAD): Buffer[] {
  if (frame.length === 0) throw new RangeError('An empty VP8 frame has no packets.');
  if (!Number.isInteger(maxPayload) || maxPayload < 2) throw new RangeError(`maxPayload must be an integer ≥ 2, not ${maxPayload}.`);
  const chunk = maxPayload - 1;
  const payloads: Buffer[] = [];
  for (let offset = 0; offset < frame.length; offset += chunk) {
    const slice = frame.subarray(offset, offset + chunk);
    const payload = Buffer.allocUnsafe(1 + slice.length);
    payload[0] = offset === 0 ? START_OF_PARTITION : 0;
    payload.set(slice, 1);
    payloads.push(payload);
  }
  return payloads;
}

/** The RTP timestamp of a frame shown `timeMs` after the stream's first (90 kHz, wrapping at 2^32). */
export function vp8RtpTimestamp(base: number, timeMs: number) {
  return (base + Math.round((timeMs * VP8_CLOCK_RATE) / 1000)) >>> 0;
}
