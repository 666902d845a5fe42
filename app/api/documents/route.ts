import { documentCreateSchema, documentListQuerySchema } from '@/lib/schemas/document';
import { NO_STORE, route } from '@/lib/server/http';
import { createDocument, listDocuments } from '@/lib/server/runway/documents';

/** Admin: knowledge documents, with the avatars that use each. */

/** 200 000 characters, up to 4 bytes each in UTF-8, plus JSON escaping. */
export const DOCUMENT_BODY_BYTES = 1024 * 1024;

export const GET = route({ query: documentListQuerySchema }, async ({ query }) => Response.json(await listDocuments(query), { headers: NO_STORE }));

export const POST = route({ body: documentCreateSchema, maxBodyBytes: DOCUMENT_BODY_BYTES }, async ({ body }) =>
  Response.json(await createDocument(body), { status: 201, headers: NO_STORE }),
);
