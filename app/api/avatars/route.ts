import { avatarCreateSchema, listQuerySchema } from '@/lib/avatars/avatar-schema';
import { NO_STORE, route } from '@/lib/server/http';
import { createAvatar, listManagedAvatars } from '@/lib/server/runway/managed-avatars';

/** Admin: the account's custom avatars, a cursor page at a time; create one (it starts PROCESSING). */

export const GET = route({ query: listQuerySchema }, async ({ query }) =>
  Response.json(await listManagedAvatars(query), { headers: NO_STORE }),
);

// A 10 000-character personality in a non-Latin script is up to 40 KB of UTF-8.
export const POST = route({ body: avatarCreateSchema, maxBodyBytes: 64 * 1024 }, async ({ body }) =>
  Response.json(await createAvatar(body), { status: 201, headers: NO_STORE }),
);
