import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ConversationNote } from '@/components/avatars/avatar-conversation';
import { AvatarForm } from '@/components/avatars/avatar-form';
import { AppError } from '@/lib/errors';
import { runwayIdSchema } from '@/lib/schemas/ids';
import { requireAdminPage } from '@/lib/server/auth/admin';
import { maxImageBytes } from '@/lib/server/avatars/uploads';
import { elevenLabsAgentFor } from '@/lib/server/integrations/elevenlabs/agents';
import { retrieveManagedAvatar } from '@/lib/server/runway/managed-avatars';
import { listAllDocuments } from '@/lib/server/runway/documents';
import { listAllVoices } from '@/lib/server/runway/voices';

export const metadata: Metadata = { title: 'Edit character' };

type Props = { params: Promise<{ id: string }> };

async function load(id: string) {
  if (!runwayIdSchema.safeParse(id).success) notFound();
  try {
    return await retrieveManagedAvatar(id);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') notFound();
    throw error;
  }
}

export default async function EditAvatarPage({ params }: Props) {
  const { id } = await params;
  await requireAdminPage(`/avatars/${encodeURIComponent(id)}`);
  const [avatar, documents, voices] = await Promise.all([load(id), listAllDocuments(), listAllVoices()]);
  return (
    <>
      <div className="manage__header">
        <h1>Edit {avatar.name}</h1>
        <Link className="button" href={`/avatars/${avatar.id}/video`}>
          Make a video
        </Link>
      </div>
      <ConversationNote avatarId={avatar.id} agentId={elevenLabsAgentFor(avatar.id)} />
      <AvatarForm avatar={avatar} documents={documents} voices={voices} maxImageBytes={maxImageBytes()} />
    </>
  );
}
