import { RtpHeader, RtpPacket } from 'werift';
import { describe, expect, it } from 'vitest';
import { packetizeVp8, VP8_MAX_PAYLOAD, vp8RtpTimestamp } from '../../../src/room/media/vp8-rtp';

const frame = Uint8Array.from({ length: 2500 }, (_, index) => index % 251);

describe('packetizeVp8', () => {
  it('cuts a frame into ~1100-byte payloads, S bit on the first descriptor only', () => {
    const payloads = packetizeVp8(frame);
    expect(payloads.map((payload) => payload.length)).toEqual([VP8_MAX_PAYLOAD, VP8_MAX_PAYLOAD, 2500 - 2 * (VP8_MAX_PAYLOAD - 1) + 1]);
    expect(payloads.map((payload) => payload[0])).toEqual([0x10, 0x00, 0x00]);
    expect(Buffer.concat(payloads.map((payload) => payload.subarray(1)))).toEqual(Buffer.from(frame));
  });

  it('keeps a small frame in one packet', () => {
    const payloads = packetizeVp8(frame.subarray(0, 10));
    expect(payloads).toHaveLength(1);
    expect(payloads[0]![0]).toBe(0x10);
  });

  it('honours another payload size, and refuses an empty frame or a size with no room for data', () => {
    expect(packetizeVp8(frame, 501).map((payload) => payload.length)).toEqual([501, 501, 501, 501, 501]);
    expect(() => packetizeVp8(new Uint8Array(0))).toThrow(RangeError);
    expect(() => packetizeVp8(frame, 1)).toThrow(RangeError);
  });

  it('gives payloads that werift wraps and serialises unchanged', () => {
    const payloads = packetizeVp8(frame);
    const packets = payloads.map(
      (payload, index) =>
        new RtpPacket(
          new RtpHeader({ payloadType: 96, sequenceNumber: 100 + index, timestamp: 9000, marker: index === payloads.length - 1 }),
          payload,
        ),
    );
    const received = packets.map((packet) => RtpPacket.deSerialize(packet.serialize()));
    expect(received.map((packet) => packet.header.marker)).toEqual([false, false, true]);
    expect(Buffer.concat(received.map((packet) => packet.payload.subarray(1)))).toEqual(Buffer.from(frame));
  });
});

describe('vp8RtpTimestamp', () => {
  it('counts 90 kHz ticks and wraps at 2^32', () => {
    expect(vp8RtpTimestamp(1000, 1000 / 24)).toBe(1000 + 3750);
    expect(vp8RtpTimestamp(2 ** 32 - 1000, 1000 / 24)).toBe(2750);
  });
});
