import { z } from 'zod';
import { VOICE_MODELS } from './runway-facts';
import { EmulatorHttpError, notFound, readJson, validate } from './http';
import type { EmulatorContext } from './context';
import { newestFirst, paginate } from './pagination';
import type { VoiceRecord } from './store';
import { SAMPLE_TONE_SECONDS, signedMediaUrl } from './media';
import { findUpload } from './uploads';
import { listQuery } from './wire-schemas';

/**
 * /v1/voices: custom voices designed from a prompt or cloned from audio, PROCESSING → READY after
 * EMULATOR_PROCESSING_MS. Previews and READY voices get signed, expiring links to the emulator's sample
 * tone (media.ts), absolute as Runway's are, so a browser can play them in emulator mode.
 */

const prompt = z.string().min(20).max(1000);
const model = z.enum(VOICE_MODELS);
const description = z.string().min(1).max(1024).nullable();

const audio = z.union(
  [
    z.url({ protocol: /^https$/ }).max(2048),
    z
      .string()
      .regex(/^runway:\/\/\S+$/)
      .max(5000),
    z
      .string()
      .regex(/^data:audio\/[\w.+-]+;base64,/)
      .max(14_000_000),
  ],
  { error: 'audio must be an HTTPS URL, a runway:// upload URI or a data:audio URI' },
);

const createBody = z.strictObject({
  name: z.string().min(1).max(100),
  description: description.optional(),
  from: z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('text'), prompt, model }),
    z.strictObject({ type: z.literal('audio'), audio }),
  ]),
});
const updateBody = z
  .strictObject({ name: z.string().min(1).max(100), description })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'At least one field is required');
const previewBody = z.strictObject({ prompt, model });

export function voiceStatus(voice: VoiceRecord, now: number) {
  return now < voice.readyAt ? ('PROCESSING' as const) : ('READY' as const);
}

function wire(ctx: EmulatorContext, voice: VoiceRecord, origin: string) {
  const { id, name, description, createdAt } = voice;
  const rest = { id, name, description, createdAt };
  const status = voiceStatus(voice, ctx.now());
  return status === 'READY' ? { ...rest, status, previewUrl: signedMediaUrl(ctx, 'voices', id, origin) } : { ...rest, status };
}

function find(ctx: EmulatorContext, id: string) {
  const voice = ctx.state.voices.get(id);
  if (!voice) throw notFound('Voice');
  return voice;
}

export async function createVoice(ctx: EmulatorContext, request: Request) {
  const body = validate(createBody, await readJson(request), 'body');
  if (body.from.type === 'audio' && body.from.audio.startsWith('runway://')) {
    if (!findUpload(ctx, body.from.audio).uploaded.contentType.startsWith('audio/')) {
      throw new EmulatorHttpError(400, 'audio must be an audio file');
    }
  }
  const voice: VoiceRecord = {
    id: crypto.randomUUID(),
    name: body.name,
    description: body.description ?? null,
    source: body.from.type,
    createdAt: new Date(ctx.now()).toISOString(),
    readyAt: ctx.now() + (ctx.options.processingMs ?? 4000),
  };
  ctx.state.voices.set(voice.id, voice);
  return Response.json({ id: voice.id });
}

export function retrieveVoice(ctx: EmulatorContext, id: string, url: URL) {
  return Response.json(wire(ctx, find(ctx, id), url.origin));
}

export function listVoices(ctx: EmulatorContext, url: URL) {
  const query = validate(listQuery, Object.fromEntries(url.searchParams), 'query');
  const page = paginate([...ctx.state.voices.values()].sort(newestFirst), query);
  return Response.json({ ...page, data: page.data.map((voice) => wire(ctx, voice, url.origin)) });
}

export async function updateVoice(ctx: EmulatorContext, id: string, request: Request) {
  const voice = find(ctx, id);
  Object.assign(voice, validate(updateBody, await readJson(request), 'body'));
  return Response.json(wire(ctx, voice, new URL(request.url).origin));
}

/** Avatars that use the voice keep it, reported as `deleted: true`. */
export function deleteVoice(ctx: EmulatorContext, id: string) {
  find(ctx, id);
  ctx.state.voices.delete(id);
  return new Response(null, { status: 204 });
}

export async function previewVoice(ctx: EmulatorContext, request: Request) {
  validate(previewBody, await readJson(request), 'body');
  const url = signedMediaUrl(ctx, 'previews', crypto.randomUUID(), new URL(request.url).origin);
  return Response.json({ url, durationSecs: SAMPLE_TONE_SECONDS });
}
