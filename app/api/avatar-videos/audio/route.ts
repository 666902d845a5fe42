import { audioVideoQuerySchema } from '@/lib/videos/video-schema';
import { NO_STORE, route } from '@/lib/server/http';
import { readAudioUpload } from '@/lib/server/media/audio-upload';
import { audioSpeech, createAvatarVideo } from '@/lib/server/runway/avatar-videos';

/**
 * Admin: start rendering a video of an avatar speaking an uploaded audio file, sent as the raw request body
 * (at most 4 MB; the type is checked from the file's bytes). Poll GET /api/tasks/:taskId for the result.
 */
export const POST = route({ query: audioVideoQuerySchema, rawBody: true }, async ({ request, query }) => {
  const { bytes, mime } = await readAudioUpload(request);
  return Response.json(await createAvatarVideo(query.avatarId, audioSpeech(bytes, mime)), { status: 202, headers: NO_STORE });
});
