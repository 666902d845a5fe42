import { z } from 'zod';
import { VOICE_PRESET_IDS, voicePresetName, DOCUMENTED_VOICE_STYLES } from './runway-facts';
import { EmulatorHttpError, notFound, readJson, validate } from './http';
import type { EmulatorContext } from './context';
import { newestFirst, paginate } from './pagination';
import type { AvatarRecord, AvatarVoiceRecord } from './store';
import { imageForUpload } from './uploads';
import { voiceStatus } from './voices';
import { listQuery } from './wire-schemas';

/** /v1/avatars as Runway's API reference describes it: CRUD, cursor pages, PROCESSING → READY | FAILED. */

export const DEFAULT_PROCESSING_MS = 4000;
const FAILURE_REASON = 'No face could be found in the reference image.';

const referenceImage = z.union(
  [
    z
      .url({ protocol: /^https$/ })
      .min(13)
      .max(2048),
    z
      .string()
      .regex(/^runway:\/\/\S+$/)
      .max(5000),
    z
      .string()
      .regex(/^data:image\/(png|jpeg|webp);base64,[A-Za-z0-9+/]+=*$/)
      .max(5_242_880),
  ],
  { error: 'referenceImage must be an HTTPS URL, a runway:// upload URI or a data:image base64 URI' },
);

const voice = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('runway-live-preset'), presetId: z.enum(VOICE_PRESET_IDS) }),
  z.strictObject({ type: z.literal('custom'), id: z.guid() }),
]);

const fields = {
  name: z.string().min(1).max(50),
  referenceImage,
  personality: z.string().min(1).max(10_000),
  voice,
  // Runway sets no minimum: an empty start script is accepted.
  startScript: z.string().max(2000),
  documentIds: z.array(z.guid()).max(50),
  imageProcessing: z.enum(['optimize', 'none']),
};

const createBody = z.strictObject({
  ...fields,
  startScript: fields.startScript.optional(),
  documentIds: fields.documentIds.optional(),
  imageProcessing: fields.imageProcessing.optional(),
});

const updateBody = z
  .strictObject({
    name: fields.name,
    referenceImage,
    personality: fields.personality,
    voice,
    startScript: fields.startScript.nullable(),
    documentIds: fields.documentIds,
    imageProcessing: fields.imageProcessing,
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'At least one field is required');

/** Derived at read time, as sessions are: no timers to leak or lose on a hot reload. */
export function avatarStatus(avatar: AvatarRecord, now: number): 'PROCESSING' | 'READY' | 'FAILED' {
  if (now < avatar.readyAt) return 'PROCESSING';
  return avatar.failureReason ? 'FAILED' : 'READY';
}

/** The custom avatar a session or video names: it must exist and have finished processing. */
export function requireReadyAvatar(ctx: EmulatorContext, id: string) {
  const avatar = ctx.state.avatars.get(id);
  if (!avatar) throw notFound('Avatar');
  const status = avatarStatus(avatar, ctx.now());
  if (status !== 'READY') throw new EmulatorHttpError(400, `Avatar is ${status}, not READY`);
  return avatar;
}

function wireVoice(ctx: EmulatorContext, voiceRecord: AvatarVoiceRecord) {
  if (voiceRecord.type === 'runway-live-preset') {
    const presetId = voiceRecord.presetId as (typeof VOICE_PRESET_IDS)[number];
    return {
      ...voiceRecord,
      name: voicePresetName(presetId),
      description: DOCUMENTED_VOICE_STYLES[presetId] ?? 'Runway live preset voice',
    };
  }
  const custom = ctx.state.voices.get(voiceRecord.id);
  return custom
    ? { type: 'custom' as const, id: custom.id, deleted: false, name: custom.name, description: custom.description }
    : { type: 'custom' as const, id: voiceRecord.id, deleted: true };
}

export function wireAvatar(ctx: EmulatorContext, avatar: AvatarRecord) {
  const status = avatarStatus(avatar, ctx.now());
  const { id, name, personality, startScript, referenceImageUri, documentIds, createdAt, updatedAt, failureReason } = avatar;
  return {
    id,
    name,
    personality,
    startScript,
    referenceImageUri,
    documentIds,
    createdAt,
    updatedAt,
    status,
    voice: wireVoice(ctx, avatar.voice),
    processedImageUri: status === 'READY' ? avatar.processedImageUri : null,
    ...(status === 'FAILED' ? { failureReason } : {}),
  };
}

function find(ctx: EmulatorContext, id: string) {
  const avatar = ctx.state.avatars.get(id);
  if (!avatar) throw notFound('Avatar');
  return avatar;
}

function checkReferences(ctx: EmulatorContext, body: { voice?: z.infer<typeof voice>; documentIds?: string[] }) {
  if (body.voice?.type === 'custom') {
    const custom = ctx.state.voices.get(body.voice.id);
    if (!custom) throw new EmulatorHttpError(400, 'Voice not found');
    const status = voiceStatus(custom, ctx.now());
    if (status !== 'READY') throw new EmulatorHttpError(400, `Voice is ${status}, not READY`);
  }
  const missing = body.documentIds?.find((id) => !ctx.state.documents.has(id));
  if (missing) throw new EmulatorHttpError(400, `Document ${missing} not found`);
  if (body.documentIds && new Set(body.documentIds).size !== body.documentIds.length) {
    throw new EmulatorHttpError(400, 'documentIds must not repeat an id');
  }
}

/** A new image (allowed once processing has finished) starts processing again; a runway:// URI must name a finished, unexpired upload. */
function processImage(ctx: EmulatorContext, image: string) {
  const preview = image.startsWith('runway://') ? imageForUpload(ctx, image) : image;
  const fault = ctx.state.faults.avatar.shift();
  return {
    referenceImageUri: preview,
    processedImageUri: preview,
    readyAt: ctx.now() + (ctx.options.processingMs ?? DEFAULT_PROCESSING_MS),
    failureReason: fault ? FAILURE_REASON : undefined,
  };
}

export function listAvatars(ctx: EmulatorContext, url: URL) {
  const query = validate(listQuery, Object.fromEntries(url.searchParams), 'query');
  const page = paginate([...ctx.state.avatars.values()].sort(newestFirst), query);
  return Response.json({ ...page, data: page.data.map((avatar) => wireAvatar(ctx, avatar)) });
}

export function retrieveAvatar(ctx: EmulatorContext, id: string) {
  return Response.json(wireAvatar(ctx, find(ctx, id)));
}

export async function createAvatar(ctx: EmulatorContext, request: Request) {
  const body = validate(createBody, await readJson(request), 'body');
  checkReferences(ctx, body);
  const stamp = new Date(ctx.now()).toISOString();
  const avatar: AvatarRecord = {
    id: crypto.randomUUID(),
    name: body.name,
    personality: body.personality,
    startScript: body.startScript ?? null,
    voice: body.voice,
    imageProcessing: body.imageProcessing ?? 'optimize',
    documentIds: body.documentIds ?? [],
    createdAt: stamp,
    updatedAt: stamp,
    ...processImage(ctx, body.referenceImage),
  };
  ctx.state.avatars.set(avatar.id, avatar);
  return Response.json(wireAvatar(ctx, avatar));
}

export async function updateAvatar(ctx: EmulatorContext, id: string, request: Request) {
  const avatar = find(ctx, id);
  const body = validate(updateBody, await readJson(request), 'body');
  checkReferences(ctx, body);
  // Runway's own answer, word for word: a new image cannot replace one that is still being processed.
  if (body.referenceImage && avatarStatus(avatar, ctx.now()) === 'PROCESSING') {
    throw new EmulatorHttpError(409, 'The reference image cannot be updated while the avatar is processing.');
  }
  const { referenceImage: image, ...rest } = body;
  Object.assign(avatar, rest, image ? processImage(ctx, image) : {}, { updatedAt: new Date(ctx.now()).toISOString() });
  return Response.json(wireAvatar(ctx, avatar));
}

export function deleteAvatar(ctx: EmulatorContext, id: string) {
  find(ctx, id);
  ctx.state.avatars.delete(id);
  return new Response(null, { status: 204 });
}
