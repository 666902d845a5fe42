/**
 * What a file is, from its first bytes, never from its name or the browser's claim: a .png that is really
 * text is refused. Isomorphic: forms check before uploading, and the server checks again.
 */

export type ImageType = 'image/png' | 'image/jpeg' | 'image/webp';
export type AudioType = 'audio/wav' | 'audio/mpeg' | 'audio/ogg' | 'audio/flac' | 'audio/mp4' | 'audio/webm';

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) => signature.every((byte, i) => bytes[offset + i] === byte);
const ascii = (bytes: Uint8Array, offset: number, length: number) => String.fromCharCode(...bytes.subarray(offset, offset + length));

export function sniffImage(bytes: Uint8Array): ImageType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'image/webp';
  return null;
}

const AUDIO_LABELS: Record<AudioType, string> = {
  'audio/wav': 'WAV',
  'audio/mpeg': 'MP3',
  'audio/ogg': 'Ogg',
  'audio/flac': 'FLAC',
  'audio/mp4': 'M4A',
  'audio/webm': 'WebM',
};

function audioType(bytes: Uint8Array): AudioType | null {
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WAVE') return 'audio/wav';
  if (ascii(bytes, 0, 3) === 'ID3' || (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0)) return 'audio/mpeg';
  if (ascii(bytes, 0, 4) === 'OggS') return 'audio/ogg';
  if (ascii(bytes, 0, 4) === 'fLaC') return 'audio/flac';
  if (ascii(bytes, 4, 4) === 'ftyp') return 'audio/mp4';
  if (startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3])) return 'audio/webm';
  return null;
}

/** The audio container, from its signature: enough to refuse what is not audio, even from 16 bytes. */
export function sniffAudio(bytes: Uint8Array): { mime: AudioType; label: string } | null {
  const mime = audioType(bytes);
  return mime && { mime, label: AUDIO_LABELS[mime] };
}

/** RIFF/WAVE: walk the chunks to `fmt ` (byte rate) and `data` (its size). */
function wavDuration(bytes: Uint8Array): number | null {
  if (ascii(bytes, 0, 4) !== 'RIFF' || ascii(bytes, 8, 4) !== 'WAVE') return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let byteRate = 0;
  for (let offset = 12; offset + 8 <= bytes.length;) {
    const id = ascii(bytes, offset, 4);
    const size = view.getUint32(offset + 4, true);
    if (id === 'fmt ' && offset + 16 <= bytes.length) byteRate = view.getUint32(offset + 16, true);
    if (id === 'data') return byteRate > 0 ? Math.min(size, bytes.length - offset - 8) / byteRate : null;
    offset += 8 + size + (size % 2);
  }
  return null;
}

const MP3_BITRATES = {
  1: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const MP3_RATES: Record<number, number[]> = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] };

/** One MPEG audio Layer III frame header at `offset`: its length and how much audio it holds. */
function mp3Frame(bytes: Uint8Array, offset: number) {
  if (offset + 4 > bytes.length || bytes[offset] !== 0xff || (bytes[offset + 1]! & 0xe0) !== 0xe0) return null;
  const version = (bytes[offset + 1]! >> 3) & 3; // 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5
  const layer = (bytes[offset + 1]! >> 1) & 3; // 1: Layer III
  const bitrate = MP3_BITRATES[version === 3 ? 1 : 2][bytes[offset + 2]! >> 4];
  const rate = MP3_RATES[version]?.[(bytes[offset + 2]! >> 2) & 3];
  if (version === 1 || layer !== 1 || !bitrate || !rate) return null;
  const padding = (bytes[offset + 2]! >> 1) & 1;
  const samples = version === 3 ? 1152 : 576;
  return { length: Math.floor(((samples / 8) * bitrate * 1000) / rate) + padding, seconds: samples / rate };
}

/** Skip an ID3v2 tag, then count frames: exact for constant and variable bit rates alike. */
function mp3Duration(bytes: Uint8Array): number | null {
  let offset = 0;
  if (ascii(bytes, 0, 3) === 'ID3' && bytes.length >= 10) {
    const size = ((bytes[6]! & 0x7f) << 21) | ((bytes[7]! & 0x7f) << 14) | ((bytes[8]! & 0x7f) << 7) | (bytes[9]! & 0x7f);
    offset = 10 + size + (bytes[5]! & 0x10 ? 10 : 0);
  }
  let frames = 0;
  let seconds = 0;
  for (let frame = mp3Frame(bytes, offset); frame; frame = mp3Frame(bytes, offset)) {
    frames += 1;
    seconds += frame.seconds;
    offset += frame.length;
  }
  // Two frames in a row make a false positive on random bytes very unlikely.
  return frames >= 2 ? seconds : null;
}

/** A WAV or MP3 recording and its length, read from the container; null for anything else or a broken file. */
export function measureRecording(bytes: Uint8Array): { type: 'audio/wav' | 'audio/mpeg'; durationSeconds: number } | null {
  const wav = wavDuration(bytes);
  if (wav !== null) return { type: 'audio/wav', durationSeconds: wav };
  const mp3 = mp3Duration(bytes);
  if (mp3 !== null) return { type: 'audio/mpeg', durationSeconds: mp3 };
  return null;
}

export const EXTENSIONS: Record<ImageType | AudioType, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'audio/wav': 'wav',
  'audio/mpeg': 'mp3',
  'audio/ogg': 'ogg',
  'audio/flac': 'flac',
  'audio/mp4': 'm4a',
  'audio/webm': 'webm',
};
