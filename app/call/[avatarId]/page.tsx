import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { CallScreen } from '@/components/call/call-screen';
import '../call.css';
import { viewer } from '@/lib/server/auth/admin';
import { botCheckForPage } from '@/lib/server/bot-check/bot-pass';
import { findAvatar } from '@/lib/server/avatars/catalog';
import { getEnv } from '@/lib/server/env';
import { runwayMode } from '@/lib/server/runway/client';

type Props = { params: Promise<{ avatarId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const avatar = await findAvatar((await params).avatarId, (await viewer()).admin);
  return { title: avatar ? `Call ${avatar.name}` : 'Avatar not found' };
}

export default async function CallPage({ params }: Props) {
  const { admin } = await viewer();
  const avatar = await findAvatar((await params).avatarId, admin);
  if (!avatar) notFound();
  return (
    <CallScreen
      avatar={avatar}
      maxDurationSeconds={getEnv().SESSION_MAX_DURATION_SECONDS}
      admin={admin}
      botCheck={await botCheckForPage((await headers()).get('cookie'))}
      // The debug panel, tool guide and backend tool feed are for whoever builds the app, not its visitors.
      developer={admin || runwayMode() === 'emulator'}
    />
  );
}
