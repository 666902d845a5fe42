import { createHmac, timingSafeEqual } from 'node:crypto';
import type { EmulatorContext } from './context';
import { EmulatorHttpError } from './http';

/**
 * The emulator's media: call recordings, avatar-video outputs and voice previews. Runway hands out expiring,
 * absolute download links
 * (24–48 h); the emulator signs its own: HMAC over kind, id, expiry and a nonce, so every fetch of a
 * conversation or task yields a new link and a tampered or expired one is refused. The file itself is a
 * short tone generated here, so the repository ships no binary and any browser can play it.
 */

export const MEDIA_KINDS = ['recordings', 'videos', 'voices', 'previews'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

const FILE_NAMES: Record<MediaKind, string> = {
  recordings: 'recording',
  videos: 'avatar-video',
  voices: 'voice',
  previews: 'voice-preview',
};

function mediaExists(ctx: EmulatorContext, kind: MediaKind, id: string) {
  if (kind === 'recordings') return ctx.state.sessions.has(id) && !ctx.state.deletedConversations.has(id);
  if (kind === 'videos') return ctx.state.videoTasks.has(id);
  if (kind === 'voices') return ctx.state.voices.has(id);
  // A design preview is not stored anywhere: its signed link is all there is.
  return true;
}

/** Runway's links last 24–48 h; the emulator's last the lower bound. */
export const MEDIA_LINK_TTL_MS = 24 * 3600_000;

function signature(ctx: EmulatorContext, kind: MediaKind, id: string, expires: number, nonce: string) {
  return createHmac('sha256', ctx.state.mediaKey).update(`${kind}\n${id}\n${expires}\n${nonce}`).digest('base64url');
}

/** A fresh signed link; `origin` is the emulator's own (used when no mediaBaseUrl is configured). */
export function signedMediaUrl(ctx: EmulatorContext, kind: MediaKind, id: string, origin: string) {
  const expires = ctx.now() + MEDIA_LINK_TTL_MS;
  const nonce = crypto.randomUUID().slice(0, 8);
  const base = ctx.options.mediaBaseUrl ?? `${origin}/media`;
  const query = new URLSearchParams({ expires: String(expires), nonce, signature: signature(ctx, kind, id, expires, nonce) });
  return `${base}/${kind}/${encodeURIComponent(id)}?${query}`;
}

/** Serves a media link: 403 for a bad or expired signature, 404 when the item is gone. */
export function serveMedia(ctx: EmulatorContext, kind: string, id: string, query: URLSearchParams) {
  if (!(MEDIA_KINDS as readonly string[]).includes(kind)) throw new EmulatorHttpError(404, 'Not found');
  const mediaKind = kind as MediaKind;
  const expires = Number(query.get('expires'));
  const nonce = query.get('nonce') ?? '';
  const given = Buffer.from(query.get('signature') ?? '');
  const expected = Buffer.from(signature(ctx, mediaKind, id, expires, nonce));
  if (!Number.isSafeInteger(expires) || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new EmulatorHttpError(403, 'Invalid signature');
  }
  // Expired links get a 403, as a storage service's presigned URLs do.
  if (ctx.now() >= expires) throw new EmulatorHttpError(403, 'Request has expired');
  if (!mediaExists(ctx, mediaKind, id)) throw new EmulatorHttpError(404, 'Not found');
  const body = sampleTone();
  return new Response(body, {
    headers: {
      'content-type': 'audio/wav',
      'content-length': String(body.byteLength),
      'content-disposition': `inline; filename="${FILE_NAMES[mediaKind]}-${id}.wav"`,
      'cache-control': 'private, max-age=3600',
    },
  });
}

let tone: Uint8Array<ArrayBuffer> | undefined;

/** How long sampleTone() plays. */
export const SAMPLE_TONE_SECONDS = 1.5;

/** 1.5 s of a soft two-note chime as 8 kHz 8-bit mono WAV (12 KB): small, valid, playable everywhere. */
export function sampleTone(): Uint8Array<ArrayBuffer> {
  if (tone) return tone;
  const rate = 8000;
  const samples = Math.round(rate * SAMPLE_TONE_SECONDS);
  const bytes = new Uint8Array(44 + samples);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string) => [...text].forEach((char, i) => view.setUint8(offset + i, char.charCodeAt(0)));
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + samples, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, rate, true);
  view.setUint32(28, rate, true); // byte rate
  view.setUint16(32, 1, true); // block align
  view.setUint16(34, 8, true); // bits per sample
  ascii(36, 'data');
  view.setUint32(40, samples, true);
  for (let i = 0; i < samples; i += 1) {
    const t = i / rate;
    const frequency = t < 0.75 ? 523.25 : 659.25;
    const envelope = Math.min(1, t * 20, (1.5 - t) * 8) * Math.exp(-(t % 0.75) * 2);
    bytes[44 + i] = 128 + Math.round(40 * envelope * Math.sin(2 * Math.PI * frequency * t));
  }
  tone = bytes;
  return tone;
}
