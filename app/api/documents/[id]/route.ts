import { idParamsSchema } from '@/lib/avatars/avatar-schema';
import { DOCUMENT_BODY_BYTES, documentUpdateSchema } from '@/lib/avatars/document-schema';
import { NO_STORE, route } from '@/lib/server/http';
import { deleteDocument, retrieveDocument, updateDocument } from '@/lib/server/runway/documents';

/** Admin: one document with its content. DELETE also detaches it from every avatar (Runway does that). */

export const GET = route({ params: idParamsSchema }, async ({ params }) =>
  Response.json(await retrieveDocument(params.id), { headers: NO_STORE }),
);

export const PATCH = route(
  { params: idParamsSchema, body: documentUpdateSchema, maxBodyBytes: DOCUMENT_BODY_BYTES },
  async ({ params, body }) => Response.json(await updateDocument(params.id, body), { headers: NO_STORE }),
);

export const DELETE = route({ params: idParamsSchema }, async ({ params }) => {
  await deleteDocument(params.id);
  return new Response(null, { status: 204 });
});
