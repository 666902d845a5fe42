import { taskParamsSchema } from '@/lib/videos/video-schema';
import { NO_STORE, route } from '@/lib/server/http';
import { getVideoTask } from '@/lib/server/runway/avatar-videos';

/** Admin: an avatar-video task's status, progress and, once done, its video link (fresh on every call). */
export const GET = route({ params: taskParamsSchema }, async ({ params }) =>
  Response.json(await getVideoTask(params.id), { headers: NO_STORE }),
);
