import 'server-only';
import type { DocumentListResponse, DocumentRetrieveResponse } from '@runwayml/sdk/resources/documents';
import type { KnowledgeDocument, Page } from '@/lib/avatars/types';
import { adminCall } from './admin-call';
import { getRunway } from './client';

/** Runway's knowledge documents as the app's KnowledgeDocument: admin data, every function verifies the admin. */

function toDocument(document: DocumentListResponse | DocumentRetrieveResponse): KnowledgeDocument {
  return {
    id: document.id,
    name: document.name,
    ...('content' in document ? { content: document.content } : {}),
    createdAt: document.createdAt,
    updatedAt: document.updatedAt,
    usedBy: document.usedBy.map(({ id, name, imageUrl }) => ({ id, name, imageUrl })),
  };
}

const call = <T>(work: () => Promise<T>) => adminCall('Document', work);

export function listDocuments(query: {
  limit: number;
  cursor?: string;
  sort: 'createdAt' | 'updatedAt';
  order: 'asc' | 'desc';
}): Promise<Page<KnowledgeDocument>> {
  return call(async () => {
    const page = await getRunway().documents.list(query);
    return { items: page.data.map(toDocument), nextCursor: page.nextCursor || null };
  });
}

/** Every document, for pickers: walks the cursor pages (an account rarely has more than a few hundred). */
export function listAllDocuments(): Promise<KnowledgeDocument[]> {
  return call(async () => {
    const all: KnowledgeDocument[] = [];
    for await (const document of getRunway().documents.list({ limit: 100, sort: 'updatedAt', order: 'desc' }))
      all.push(toDocument(document));
    return all;
  });
}

export function retrieveDocument(id: string) {
  return call(async () => toDocument(await getRunway().documents.retrieve(id)));
}

export function createDocument(body: { name: string; content: string }) {
  return call(async () => toDocument(await getRunway().documents.create(body, { maxRetries: 0 })));
}

/** Runway answers an update with no body, so read the document back. */
export function updateDocument(id: string, body: { name?: string; content?: string }) {
  return call(async () => {
    await getRunway().documents.update(id, body);
    return toDocument(await getRunway().documents.retrieve(id));
  });
}

/** Runway also detaches it from every avatar. */
export function deleteDocument(id: string) {
  return call(() => getRunway().documents.delete(id));
}
