import 'server-only';
import { readFileSync } from 'node:fs';

/** What the agent plays: its two face loops (VP8 frames) and its voice (20 ms Opus frames per line). */
export interface SpokenLine {
  text: string;
  frames: Buffer[];
}

export interface AgentMedia {
  video: { idle: Buffer[]; talking: Buffer[]; frameMs: number; width: number; height: number };
  packetizeVideo: (frame: Buffer) => Buffer[];
  speak: (text: string) => Promise<SpokenLine>;
}

// TEMPORARY spike media, replaced by the media/ modules.
function readIvf(path: string) {
  const data = readFileSync(path);
  const headerSize = data.readUInt16LE(6);
  const rate = data.readUInt32LE(16);
  const scale = data.readUInt32LE(20);
  const frames: Buffer[] = [];
  for (let offset = headerSize; offset + 12 <= data.length; ) {
    const size = data.readUInt32LE(offset);
    frames.push(data.subarray(offset + 12, offset + 12 + size));
    offset += 12 + size;
  }
  return { frames, frameMs: (1000 * scale) / rate };
}

function packetizeVp8(frame: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let offset = 0; offset < frame.length; offset += 1100) {
    out.push(Buffer.concat([Buffer.from([offset === 0 ? 0x10 : 0x00]), frame.subarray(offset, offset + 1100)]));
  }
  return out;
}

export function loadAgentMedia(): AgentMedia {
  const idle = readIvf('/tmp/media/idle.ivf');
  return {
    video: { idle: idle.frames, talking: idle.frames, frameMs: idle.frameMs, width: 640, height: 360 },
    packetizeVideo: packetizeVp8,
    speak: async (text) => ({ text, frames: Array.from({ length: Math.max(50, text.split(' ').length * 15) }, () => Buffer.from([0xf8, 0xff, 0xfe])) }),
  };
}
