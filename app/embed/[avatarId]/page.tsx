import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { CallScreen } from '@/components/call/call-screen';
import '../../call/call.css';
import '../embed.css';
import { isAllowedEmbedOrigin } from '@/lib/embed/origins';
import { findAvatar } from '@/lib/server/avatars/catalog';
import { botCheckForPage } from '@/lib/server/bot-check/bot-pass';
import { getEnv } from '@/lib/server/env';
import { runwayMode } from '@/lib/server/runway/client';
import { parseTheme } from '@/lib/theme';

type Props = { params: Promise<{ avatarId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

// What embed.js puts in the frame's URL; anything else is ignored rather than refused.
const querySchema = z.object({ origin: z.string().optional().catch(undefined), theme: z.string().optional().catch(undefined) });

// The avatar is public; the admin cookie a same-site host page would send is ignored (see below).
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const avatar = await findAvatar((await params).avatarId, false);
  return { title: avatar ? `Call ${avatar.name}` : 'Avatar not found', robots: { index: false } };
}

/**
 * The call in another site's iframe (docs/embed.md): the same CallScreen as /call/[avatarId], compact.
 * Every visitor here is anonymous, even with an admin cookie: public avatars only, no admin links. Only
 * EMBED_ALLOWED_ORIGINS may frame it (proxy.ts), and it talks only to the origin embed.js declared, once
 * that origin is on the list.
 */
export default async function EmbedPage({ params, searchParams }: Props) {
  const avatar = await findAvatar((await params).avatarId, false);
  if (!avatar) notFound();
  const query = querySchema.parse(await searchParams);
  const env = getEnv();
  return (
    <div className="embed" data-theme={parseTheme(query.theme) ?? undefined}>
      <CallScreen
        avatar={avatar}
        maxDurationSeconds={env.SESSION_MAX_DURATION_SECONDS}
        developer={runwayMode() === 'emulator'}
        // The bot check holds in the frame as on the full page (docs/embed.md: its pass is a cookie).
        botCheck={await botCheckForPage((await headers()).get('cookie'))}
        // Every visitor here is anonymous, even with the admin's cookie.
        admin={false}
        embedHost={isAllowedEmbedOrigin(query.origin, env.EMBED_ALLOWED_ORIGINS) ? query.origin : null}
      />
    </div>
  );
}
