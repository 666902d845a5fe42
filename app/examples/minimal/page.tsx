import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { botCheckForPage } from '@/lib/server/bot-check/bot-pass';
import { MinimalCall } from './minimal-call';

export const metadata: Metadata = { title: 'Minimal integration' };

/**
 * The smallest working integration, runnable: app/api/avatar/session/route.ts (create → wait → consume on
 * the server) plus <AvatarCall connectUrl="/api/avatar/session"> behind a Start button (minimal-call.tsx).
 * docs/customizing.md walks through it.
 */
export default async function MinimalExamplePage() {
  return (
    <section className="example" aria-labelledby="example-title">
      <h1 id="example-title">Minimal integration</h1>
      <p className="muted">
        Two files: the server route <code>app/api/avatar/session/route.ts</code>, and a client component that renders{' '}
        <code>{'<AvatarCall connectUrl="/api/avatar/session">'}</code> behind your own Start button. No progress, no history, no tools.
      </p>
      {/* botCheck: only for the optional bot check (docs/security.md); without it, Start is never held. */}
      <MinimalCall avatarId="cat-character" botCheck={await botCheckForPage((await headers()).get('cookie'))} />
    </section>
  );
}
