import type { Metadata } from 'next';
import { DocumentManager } from '@/components/avatars/document-manager';
import { listManagedAvatars } from '@/lib/server/runway/managed-avatars';
import { listDocuments } from '@/lib/server/runway/documents';
import { requireAdminPage } from '@/lib/server/auth/admin';

export const metadata: Metadata = { title: 'Knowledge documents' };

export default async function DocumentsPage() {
  await requireAdminPage('/avatars/documents');
  const [page, avatars] = await Promise.all([
    listDocuments({ limit: 50, sort: 'updatedAt', order: 'desc' }),
    listManagedAvatars({ limit: 100 }),
  ]);
  return (
    <>
      <h1>Knowledge documents</h1>
      <p className="muted">
        Markdown or plain text that characters draw on in calls. Runway suggests keeping each character’s documents under about 50 000
        tokens in total.
      </p>
      <DocumentManager initial={page} avatars={avatars.items.map(({ id, name }) => ({ id, name }))} />
    </>
  );
}
