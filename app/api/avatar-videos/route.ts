import { TEXT_VIDEO_BODY_BYTES, textVideoBodySchema } from '@/lib/videos/video-schema';
import { NO_STORE, route } from '@/lib/server/http';
import { createAvatarVideo, textSpeech } from '@/lib/server/runway/avatar-videos';

/** Admin: start rendering a video of an avatar saying `text`; poll GET /api/tasks/:taskId for the result. */
export const POST = route({ body: textVideoBodySchema, maxBodyBytes: TEXT_VIDEO_BODY_BYTES }, async ({ body }) =>
  Response.json(await createAvatarVideo(body.avatarId, textSpeech(body)), { status: 202, headers: NO_STORE }),
);
