import { idParamsSchema } from '@/lib/avatars/avatar-schema';
import { voiceUpdateSchema } from '@/lib/avatars/voice-schema';
import { NO_STORE, route } from '@/lib/server/http';
import { deleteVoice, retrieveVoice, updateVoice } from '@/lib/server/runway/voices';

/** Admin: one custom voice: status (for polling), rename, delete. */

export const GET = route({ params: idParamsSchema }, async ({ params }) =>
  Response.json(await retrieveVoice(params.id), { headers: NO_STORE }),
);

export const PATCH = route({ params: idParamsSchema, body: voiceUpdateSchema }, async ({ params, body }) =>
  Response.json(await updateVoice(params.id, body), { headers: NO_STORE }),
);

export const DELETE = route({ params: idParamsSchema }, async ({ params }) => {
  await deleteVoice(params.id);
  return new Response(null, { status: 204 });
});
