import { listQuerySchema } from '@/lib/avatars/avatar-schema';
import { voiceCreateSchema } from '@/lib/avatars/voice-schema';
import { NO_STORE, route } from '@/lib/server/http';
import { createVoice, listVoices } from '@/lib/server/runway/voices';

/** Admin: the account's custom voices; create one from a prompt or an uploaded sample (it starts PROCESSING). */

export const GET = route({ query: listQuerySchema }, async ({ query }) => Response.json(await listVoices(query), { headers: NO_STORE }));

export const POST = route({ body: voiceCreateSchema }, async ({ body }) =>
  Response.json(await createVoice(body), { status: 201, headers: NO_STORE }),
);
