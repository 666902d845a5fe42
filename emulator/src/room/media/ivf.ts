/**
 * IVF, the container vpxenc and ffmpeg write VP8 into: a 32-byte file header, then per frame a 12-byte header
 * (size, 64-bit timestamp in the file's time base) and the frame. The avatar's loops are stored this way so
 * the room sends pre-encoded frames and never encodes video itself.
 */

export interface IvfHeader {
  /** 'VP80' for VP8. */
  fourcc: string;
  width: number;
  height: number;
  /** Timestamps count timebaseNumerator / timebaseDenominator seconds (ffmpeg writes 1/fps). */
  timebaseNumerator: number;
  timebaseDenominator: number;
  frameCount: number;
}

export interface IvfFrame {
  /** In the file's time base. */
  timestamp: number;
  timeMs: number;
  keyframe: boolean;
  data: Uint8Array;
}

export interface Ivf {
  header: IvfHeader;
  frames: IvfFrame[];
  /** From the time base and the first two frames; one frame's worth for a single-frame file. */
  frameDurationMs: number;
}

const FILE_HEADER_BYTES = 32;
const FRAME_HEADER_BYTES = 12;

/**
 * VP8's 3-byte frame tag (RFC 6386 §9.1): bit 0 is 0 for a key frame, and a key frame carries the start
 * code 9d 01 2a after the tag.
 */
export function isVp8Keyframe(frame: Uint8Array) {
  return frame.length >= 10 && (frame[0]! & 0x01) === 0 && frame[3] === 0x9d && frame[4] === 0x01 && frame[5] === 0x2a;
}

export function parseIvf(file: Uint8Array): Ivf {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const text = (offset: number) => String.fromCharCode(...file.subarray(offset, offset + 4));
  if (file.length < FILE_HEADER_BYTES || text(0) !== 'DKIF') throw new Error('Not an IVF file (no DKIF signature).');
  const headerBytes = view.getUint16(6, true);
  if (headerBytes < FILE_HEADER_BYTES || headerBytes > file.length) throw new Error(`Bad IVF header size ${headerBytes}.`);
  const header: IvfHeader = {
    fourcc: text(8),
    width: view.getUint16(12, true),
    height: view.getUint16(14, true),
    timebaseDenominator: view.getUint32(16, true),
    timebaseNumerator: view.getUint32(20, true),
    frameCount: view.getUint32(24, true),
  };
  if (header.timebaseDenominator === 0 || header.timebaseNumerator === 0) throw new Error('Bad IVF time base (zero).');
  const msPerTick = (1000 * header.timebaseNumerator) / header.timebaseDenominator;
  const frames: IvfFrame[] = [];
  for (let offset = headerBytes; offset < file.length;) {
    if (offset + FRAME_HEADER_BYTES > file.length) throw new Error(`Truncated IVF frame header at byte ${offset}.`);
    const size = view.getUint32(offset, true);
    const timestamp = Number(view.getBigUint64(offset + 4, true));
    const start = offset + FRAME_HEADER_BYTES;
    if (start + size > file.length) throw new Error(`Truncated IVF frame at byte ${offset}: ${size} bytes announced.`);
    const data = file.subarray(start, start + size);
    frames.push({ timestamp, timeMs: timestamp * msPerTick, keyframe: header.fourcc === 'VP80' && isVp8Keyframe(data), data });
    offset = start + size;
  }
  const frameDurationMs = frames.length > 1 ? frames[1]!.timeMs - frames[0]!.timeMs : msPerTick;
  return { header, frames, frameDurationMs };
}
