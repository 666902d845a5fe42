import 'server-only';
import { AppError } from '@/lib/errors';
import type { UploadedFile } from '@/lib/avatars/types';
import { formatBytes, MIN_UPLOAD_BYTES, uploadPurposeSchema, VOICE_SAMPLE_LIMITS, type UploadPurpose } from '@/lib/avatars/upload-schema';
import { getEnv } from '@/lib/server/env';
import { uploadEphemeral } from '@/lib/server/runway/uploads';
import { EXTENSIONS, measureRecording, sniffImage } from '@/lib/file-types';
import { readCappedBody } from '@/lib/server/read-capped-body';

/**
 * POST /api/uploads: a multipart form with `purpose` and `file`. The file is buffered (hence a cap well
 * under Runway's 200 MB), identified by its bytes, checked against Runway's limits for its purpose, then
 * handed to `uploads.createEphemeral` under a name we choose. The browser never sees the API key.
 */

/** Room for the multipart boundaries and the purpose field around the file. */
const MULTIPART_OVERHEAD = 64 * 1024;

export const maxImageBytes = () => getEnv().UPLOAD_MAX_IMAGE_MB * 1024 * 1024;
const maxBytes = (purpose: UploadPurpose) => (purpose === 'avatar-image' ? maxImageBytes() : VOICE_SAMPLE_LIMITS.maxBytes);

const fileError = (code: 'invalid_request' | 'payload_too_large' | 'unsupported_media_type', message: string) =>
  new AppError(code, message, { details: [{ path: 'file', message }] });

async function readForm(request: Request): Promise<FormData> {
  const contentType = request.headers.get('content-type') ?? '';
  if (!contentType.toLowerCase().startsWith('multipart/form-data')) {
    throw new AppError('unsupported_media_type', 'Send the file as multipart/form-data.');
  }
  const limit = Math.max(maxImageBytes(), VOICE_SAMPLE_LIMITS.maxBytes) + MULTIPART_OVERHEAD;
  const body = await readCappedBody(request, limit, () =>
    fileError('payload_too_large', `The file is too large: the limit is ${formatBytes(limit - MULTIPART_OVERHEAD)}.`),
  );
  try {
    return await new Response(body, { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw new AppError('invalid_request', 'The upload is not a valid multipart form.');
  }
}

function check(purpose: UploadPurpose, bytes: Uint8Array) {
  if (bytes.length < MIN_UPLOAD_BYTES) throw fileError('invalid_request', `The file is too small: at least ${MIN_UPLOAD_BYTES} bytes.`);
  if (bytes.length > maxBytes(purpose))
    throw fileError('payload_too_large', `The file is too large: the limit is ${formatBytes(maxBytes(purpose))}.`);
  if (purpose === 'avatar-image') {
    const type = sniffImage(bytes);
    if (!type) throw fileError('unsupported_media_type', 'That file is not a PNG, JPEG or WebP image.');
    return { type };
  }
  const audio = measureRecording(bytes);
  if (!audio) throw fileError('unsupported_media_type', 'That file is not a WAV or MP3 recording.');
  const { minSeconds, maxSeconds } = VOICE_SAMPLE_LIMITS;
  if (audio.durationSeconds < minSeconds || audio.durationSeconds > maxSeconds) {
    throw fileError(
      'invalid_request',
      `The sample lasts ${audio.durationSeconds.toFixed(1)} s: it must be ${minSeconds} s to ${maxSeconds / 60} min.`,
    );
  }
  return audio;
}

export async function receiveUpload(request: Request): Promise<UploadedFile> {
  const form = await readForm(request);
  const purpose = uploadPurposeSchema.safeParse(form.get('purpose'));
  if (!purpose.success)
    throw new AppError('invalid_request', 'purpose must be avatar-image or voice-sample.', {
      details: [{ path: 'purpose', message: 'Unknown purpose' }],
    });
  const file = form.get('file');
  if (!(file instanceof File)) throw fileError('invalid_request', 'Choose a file to upload.');
  const bytes = new Uint8Array(await file.arrayBuffer());
  const { type, ...audio } = check(purpose.data, bytes);
  const uri = await uploadEphemeral(bytes, `${purpose.data}.${EXTENSIONS[type]}`, type);
  return { uri, bytes: bytes.length, contentType: type, ...audio };
}
