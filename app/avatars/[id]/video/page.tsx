import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { VideoMaker } from '@/components/videos/video-maker';
import { requireAdminPage } from '@/lib/server/auth/admin';
import { findAvatar } from '@/lib/server/avatars/catalog';
import '@/components/history/history.css';

export const metadata: Metadata = { title: 'Make a video' };

type Props = { params: Promise<{ id: string }> };

/** Admin: render a one-off talking video of a preset or custom avatar (POST /v1/avatar_videos). */
export default async function MakeVideoPage({ params }: Props) {
  const { id } = await params;
  await requireAdminPage(`/avatars/${encodeURIComponent(id)}/video`);
  const avatar = await findAvatar(id, true);
  if (!avatar) notFound();
  return (
    <>
      <p>
        <Link href="/avatars">← Avatars</Link>
      </p>
      <header className="page-header">
        <h1>Make a video with {avatar.name}</h1>
      </header>
      <p className="muted">
        Runway renders a short clip of {avatar.name} speaking your script or your audio. It is not a live call: it takes a little while,
        then you can play and download it.
      </p>
      {avatar.status === 'ready' ? (
        <VideoMaker avatarId={avatar.id} avatarName={avatar.name} />
      ) : (
        <p className="notice">This avatar is not ready yet, so it cannot make videos.</p>
      )}
    </>
  );
}
