import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { CallScreen } from '@/components/call/call-screen';
import '../call.css';
import { viewer } from '@/lib/server/auth/admin';
import { findAvatar } from '@/lib/server/avatars/catalog';
import { getEnv } from '@/lib/server/env';
import { runwayMode } from '@/lib/server/runway/client';
import { avatarStartScript } from '@/lib/server/runway/start-scripts';

type Props = { params: Promise<{ avatarId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const avatar = await findAvatar((await params).avatarId, (await viewer()).admin);
  return { title: avatar ? `Call ${avatar.name}` : 'Avatar not found' };
}

export default async function CallPage({ params }: Props) {
  const { admin } = await viewer();
  const avatar = await findAvatar((await params).avatarId, admin);
  if (!avatar) notFound();
  const mode = runwayMode();
  // Only the emulated call plays the opening line itself; a live avatar speaks its own.
  const startScript = mode === 'emulator' ? await avatarStartScript(avatar.id).catch(() => null) : null;
  return (
    <CallScreen avatar={avatar} mode={mode} maxDurationSeconds={getEnv().SESSION_MAX_DURATION_SECONDS} startScript={startScript} admin={admin} />
  );
}
