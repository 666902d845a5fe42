import { DOCUMENT_BODY_BYTES, documentCreateSchema, documentListQuerySchema } from '@/lib/avatars/document-schema';
import { NO_STORE, route } from '@/lib/server/http';
import { createDocument, listDocuments } from '@/lib/server/runway/documents';

/** Admin: knowledge documents, with the avatars that use each. */

export const GET = route({ query: documentListQuerySchema }, async ({ query }) =>
  Response.json(await listDocuments(query), { headers: NO_STORE }),
);

export const POST = route({ body: documentCreateSchema, maxBodyBytes: DOCUMENT_BODY_BYTES }, async ({ body }) =>
  Response.json(await createDocument(body), { status: 201, headers: NO_STORE }),
);
