import 'server-only';
import { AppError } from '@/lib/errors';
import { sniffAudio } from '@/lib/file-types';
import { MAX_AUDIO_BYTES } from '@/lib/videos/video-schema';
import { readCappedBody } from '@/lib/server/read-capped-body';

/**
 * Reads an audio upload sent as the raw request body: refuses anything over MAX_AUDIO_BYTES while
 * streaming (before buffering it all), and anything whose first bytes are not a known audio format,
 * whatever its name or Content-Type claim.
 */
export async function readAudioUpload(request: Request): Promise<{ bytes: Uint8Array; mime: string }> {
  const type = request.headers.get('content-type')?.toLowerCase() ?? '';
  if (!type.startsWith('audio/') && !type.startsWith('application/octet-stream')) {
    throw new AppError('unsupported_media_type', 'Send the audio file itself as the body, with an audio/* Content-Type.');
  }
  const bytes = await readCappedBody(
    request,
    MAX_AUDIO_BYTES,
    () => new AppError('payload_too_large', `The audio file must be at most ${MAX_AUDIO_BYTES / 1024 / 1024} MB.`),
  );
  if (bytes.length === 0) throw new AppError('invalid_request', 'The audio file is empty.');
  const format = sniffAudio(bytes);
  if (!format) throw new AppError('unsupported_media_type', 'That file is not audio we can use: upload WAV, MP3, Ogg, FLAC, M4A or WebM.');
  return { bytes, mime: format.mime };
}
