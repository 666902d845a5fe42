import { z } from 'zod';
import { cursorSchema } from '@/lib/schemas/ids';

/** Knowledge documents, shared by the document form and /api/documents. */

export const DOCUMENT_LIMITS = { name: 255, content: 200_000 } as const;
/** Runway's guidance: about 50 000 tokens of knowledge per avatar. */
export const KNOWLEDGE_TOKEN_BUDGET = 50_000;

/** The JSON limit for document bodies: 200 000 characters, up to 4 bytes each in UTF-8, plus escaping. */
export const DOCUMENT_BODY_BYTES = 1024 * 1024;

/** A rough estimate (about 4 characters per token for English); enough to warn before the budget. */
export const estimateTokens = (text: string) => Math.ceil(text.length / 4);

const name = z.string().trim().min(1, 'Enter a name').max(DOCUMENT_LIMITS.name, `At most ${DOCUMENT_LIMITS.name} characters`);
const content = z
  .string()
  .min(1, 'Write or upload some content')
  .max(DOCUMENT_LIMITS.content, `At most ${DOCUMENT_LIMITS.content.toLocaleString('en-US')} characters`)
  .refine((text) => text.trim().length > 0, 'Write or upload some content');

export const documentCreateSchema = z.strictObject({ name, content });
export const documentUpdateSchema = z
  .strictObject({ name, content })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'Change at least one field');

export const documentListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: cursorSchema.optional(),
  sort: z.enum(['createdAt', 'updatedAt']).default('updatedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
