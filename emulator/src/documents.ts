import { z } from 'zod';
import { notFound, readJson, validate } from './http';
import type { EmulatorContext } from './context';
import { paginate } from './pagination';
import type { DocumentRecord } from './store';
import { listQuery } from './wire-schemas';

/** /v1/documents: knowledge for avatars, with `usedBy` and detach on delete. */

const name = z.string().min(1).max(255);
const content = z.string().min(1).max(200_000);
const createBody = z.strictObject({ name, content });
const updateBody = z
  .strictObject({ name, content })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'At least one field is required');
const documentListQuery = listQuery.extend({
  sort: z.enum(['createdAt', 'updatedAt']).default('createdAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});

function find(ctx: EmulatorContext, id: string) {
  const document = ctx.state.documents.get(id);
  if (!document) throw notFound('Document');
  return document;
}

function usedBy(ctx: EmulatorContext, id: string) {
  return [...ctx.state.avatars.values()]
    .filter((avatar) => avatar.documentIds.includes(id))
    .map((avatar) => ({ id: avatar.id, name: avatar.name, imageUrl: avatar.processedImageUri ?? avatar.referenceImageUri }));
}

const wire = (ctx: EmulatorContext, { content: body, ...rest }: DocumentRecord, withContent: boolean) => ({
  ...rest,
  type: 'text' as const,
  ...(withContent ? { content: body } : {}),
  usedBy: usedBy(ctx, rest.id),
});

export async function createDocument(ctx: EmulatorContext, request: Request) {
  const body = validate(createBody, await readJson(request), 'body');
  const stamp = new Date(ctx.now()).toISOString();
  const document: DocumentRecord = { id: crypto.randomUUID(), ...body, createdAt: stamp, updatedAt: stamp };
  ctx.state.documents.set(document.id, document);
  return Response.json(wire(ctx, document, true));
}

export function retrieveDocument(ctx: EmulatorContext, id: string) {
  return Response.json(wire(ctx, find(ctx, id), true));
}

export function listDocuments(ctx: EmulatorContext, url: URL) {
  const { sort, order, ...query } = validate(documentListQuery, Object.fromEntries(url.searchParams), 'query');
  const direction = order === 'asc' ? 1 : -1;
  const sorted = [...ctx.state.documents.values()].sort((a, b) => direction * (a[sort].localeCompare(b[sort]) || a.id.localeCompare(b.id)));
  const page = paginate(sorted, query);
  return Response.json({ ...page, data: page.data.map((document) => wire(ctx, document, false)) });
}

/** Runway answers an update with no body. */
export async function updateDocument(ctx: EmulatorContext, id: string, request: Request) {
  const document = find(ctx, id);
  const body = validate(updateBody, await readJson(request), 'body');
  Object.assign(document, body, { updatedAt: new Date(ctx.now()).toISOString() });
  return new Response(null, { status: 204 });
}

export function deleteDocument(ctx: EmulatorContext, id: string) {
  find(ctx, id);
  ctx.state.documents.delete(id);
  for (const avatar of ctx.state.avatars.values()) avatar.documentIds = avatar.documentIds.filter((documentId) => documentId !== id);
  return new Response(null, { status: 204 });
}
