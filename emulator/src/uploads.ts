import { z } from 'zod';
import { EmulatorHttpError, readJson, validate } from './http';
import type { EmulatorContext } from './context';
import type { UploadRecord } from './store';

/**
 * /v1/uploads: create returns a presigned-form `uploadUrl` with `fields`; the
 * multipart POST to it (fields first, then `file`) is served by the emulator itself, on the host the request
 * came to, so the SDK's `createEphemeral` runs unchanged over the emulator's fetch or over HTTP.
 */

const MEDIA_EXTENSIONS = /\.(png|jpe?g|webp|gif|mp4|mov|webm|mp3|wav|m4a|aac|ogg|flac)$/i;
const MIN_BYTES = 512;
const MAX_BYTES = 200 * 1024 * 1024;
const EXPIRY_MS = 24 * 60 * 60 * 1000;
/** Stored as a data: URI so the emulator's "processed" preview shows the real picture; larger ones show a placeholder. */
const INLINE_PREVIEW_BYTES = 1024 * 1024;
export const STORAGE_PATH = '/_emulator/storage/';

const createUploadBody = z.strictObject({
  filename: z.string().min(3).max(255).regex(MEDIA_EXTENSIONS, 'filename must have a valid media extension'),
  type: z.literal('ephemeral'),
});

export async function createUpload(ctx: EmulatorContext, request: Request) {
  const { filename } = validate(createUploadBody, await readJson(request), 'body');
  const upload: UploadRecord = {
    id: crypto.randomUUID(),
    filename,
    policy: crypto.randomUUID(),
    expiresAt: ctx.now() + EXPIRY_MS,
  };
  ctx.state.uploads.set(upload.id, upload);
  const key = `ephemeral/${upload.id}/${filename}`;
  return Response.json({
    uploadUrl: `${new URL(request.url).origin}${STORAGE_PATH}${upload.id}`,
    fields: { key, policy: upload.policy },
    runwayUri: `runway://${key}`,
  });
}

const contentTypeOf = (filename: string) => {
  const extension = filename.split('.').pop()!.toLowerCase();
  return (
    { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', webp: 'image/webp', wav: 'audio/wav', mp3: 'audio/mpeg' }[extension] ??
    'application/octet-stream'
  );
};

/** The storage side of the presigned POST: every field echoed first, then the file, within the size limits. */
export async function receiveUpload(ctx: EmulatorContext, id: string, request: Request) {
  const upload = ctx.state.uploads.get(id);
  if (!upload || ctx.now() >= upload.expiresAt) throw new EmulatorHttpError(403, 'Upload URL expired or unknown');
  if (upload.uploaded) throw new EmulatorHttpError(409, 'Upload already received');
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new EmulatorHttpError(400, 'Expected a multipart/form-data body');
  }
  const names = [...form.keys()];
  const fileAt = names.indexOf('file');
  if (fileAt !== names.length - 1) throw new EmulatorHttpError(400, 'The file must be the last field');
  if (form.get('key') !== `ephemeral/${upload.id}/${upload.filename}` || form.get('policy') !== upload.policy) {
    throw new EmulatorHttpError(403, 'Fields do not match the upload policy');
  }
  const file = form.get('file');
  if (!(file instanceof Blob)) throw new EmulatorHttpError(400, 'file must be a file');
  if (file.size < MIN_BYTES) throw new EmulatorHttpError(400, `File is smaller than the minimum of ${MIN_BYTES} bytes`);
  if (file.size > MAX_BYTES) throw new EmulatorHttpError(400, 'File is larger than the maximum of 200 MB');
  const contentType = contentTypeOf(upload.filename);
  const dataUri =
    contentType.startsWith('image/') && file.size <= INLINE_PREVIEW_BYTES
      ? `data:${contentType};base64,${Buffer.from(await file.arrayBuffer()).toString('base64')}`
      : undefined;
  upload.uploaded = { bytes: file.size, contentType, dataUri };
  return new Response(null, { status: 204 });
}

/** A runway:// URI as an input: it must name a received, unexpired upload. */
export function findUpload(ctx: EmulatorContext, uri: string) {
  const id = /^runway:\/\/ephemeral\/([^/]+)\//.exec(uri)?.[1];
  const upload = id ? ctx.state.uploads.get(id) : undefined;
  if (!upload?.uploaded || ctx.now() >= upload.expiresAt) throw new EmulatorHttpError(400, 'Upload not found or expired');
  return upload as UploadRecord & { uploaded: NonNullable<UploadRecord['uploaded']> };
}

export function imageForUpload(ctx: EmulatorContext, uri: string) {
  const { uploaded } = findUpload(ctx, uri);
  if (!uploaded.contentType.startsWith('image/')) throw new EmulatorHttpError(400, 'referenceImage must be an image');
  return uploaded.dataUri ?? '/avatars/placeholder.svg';
}
