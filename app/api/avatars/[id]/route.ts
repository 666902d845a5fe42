import { avatarUpdateSchema, idParamsSchema } from '@/lib/avatars/avatar-schema';
import { NO_STORE, route } from '@/lib/server/http';
import { deleteAvatar, retrieveManagedAvatar, updateAvatar } from '@/lib/server/runway/managed-avatars';

/** Admin: one avatar. PATCH sends only what changed; DELETE answers 204. */

export const GET = route({ params: idParamsSchema }, async ({ params }) =>
  Response.json(await retrieveManagedAvatar(params.id), { headers: NO_STORE }),
);

export const PATCH = route({ params: idParamsSchema, body: avatarUpdateSchema, maxBodyBytes: 64 * 1024 }, async ({ params, body }) =>
  Response.json(await updateAvatar(params.id, body), { headers: NO_STORE }),
);

export const DELETE = route({ params: idParamsSchema }, async ({ params }) => {
  await deleteAvatar(params.id);
  return new Response(null, { status: 204 });
});
