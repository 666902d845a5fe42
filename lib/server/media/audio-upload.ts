import 'server-only';
import { MAX_AUDIO_BYTES, sniffAudio } from '@/lib/audio-format';
import { AppError } from '@/lib/errors';

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
  const tooLarge = () => new AppError('payload_too_large', `The audio file must be at most ${MAX_AUDIO_BYTES / 1024 / 1024} MB.`);
  if (Number(request.headers.get('content-length') ?? 0) > MAX_AUDIO_BYTES) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_AUDIO_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  if (size === 0) throw new AppError('invalid_request', 'The audio file is empty.');
  const bytes = Buffer.concat(chunks);
  const format = sniffAudio(bytes);
  if (!format) throw new AppError('unsupported_media_type', 'That file is not audio we can use: upload WAV, MP3, Ogg, FLAC, M4A or WebM.');
  return { bytes, mime: format.mime };
}
