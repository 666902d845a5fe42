import type { Metadata } from 'next';
import { AvatarForm } from '@/components/avatars/avatar-form';
import { maxImageBytes } from '@/lib/server/avatars/uploads';
import { listAllDocuments } from '@/lib/server/runway/documents';
import { listAllVoices } from '@/lib/server/runway/voices';
import { requireAdminPage } from '@/lib/server/auth/admin';

export const metadata: Metadata = { title: 'New character' };

export default async function NewAvatarPage() {
  await requireAdminPage('/avatars/new');
  const [documents, voices] = await Promise.all([listAllDocuments(), listAllVoices()]);
  return (
    <>
      <h1>New character</h1>
      <AvatarForm documents={documents} voices={voices} maxImageBytes={maxImageBytes()} />
    </>
  );
}
