import { voicePreviewSchema } from '@/lib/avatars/voice-schema';
import { NO_STORE, route } from '@/lib/server/http';
import { previewVoice } from '@/lib/server/runway/voices';

/** Admin: hear a designed voice before saving it: `{ url, durationSeconds }` (Runway's URL expires in 24 h). */

export const POST = route({ body: voicePreviewSchema }, async ({ body }) => Response.json(await previewVoice(body), { headers: NO_STORE }));
