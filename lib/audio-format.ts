/**
 * What an uploaded audio file really is, from its first bytes rather than its name or declared type.
 * Isomorphic: the form checks before uploading, the server checks again.
 */

/** Keeps the upload under Vercel's 4.5 MB request-body limit and Runway's 5 MB data-URI guidance. */
export const MAX_AUDIO_BYTES = 4 * 1024 * 1024;

const ascii = (bytes: Uint8Array, offset: number, text: string) => [...text].every((char, i) => bytes[offset + i] === char.charCodeAt(0));

export function sniffAudio(bytes: Uint8Array): { mime: string; label: string } | null {
  if (ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WAVE')) return { mime: 'audio/wav', label: 'WAV' };
  if (ascii(bytes, 0, 'ID3') || (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0)) return { mime: 'audio/mpeg', label: 'MP3' };
  if (ascii(bytes, 0, 'OggS')) return { mime: 'audio/ogg', label: 'Ogg' };
  if (ascii(bytes, 0, 'fLaC')) return { mime: 'audio/flac', label: 'FLAC' };
  if (ascii(bytes, 4, 'ftyp')) return { mime: 'audio/mp4', label: 'M4A' };
  if (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) return { mime: 'audio/webm', label: 'WebM' };
  return null;
}

export const AUDIO_ACCEPT = 'audio/wav,audio/x-wav,audio/mpeg,audio/mp3,audio/ogg,audio/flac,audio/mp4,audio/x-m4a,audio/webm,.wav,.mp3,.ogg,.flac,.m4a,.webm';
