import { taskParamsSchema } from '@/lib/videos/video-schema';
import { route } from '@/lib/server/http';
import { downloadVideo } from '@/lib/server/runway/avatar-videos';

/** Admin: a finished avatar video as a file to save (the page's "Download video"). */
export const GET = route({ params: taskParamsSchema }, async ({ params }) => downloadVideo(params.id));
