import type { Metadata } from 'next';
import { MinimalCall } from './minimal-call';

export const metadata: Metadata = { title: 'Minimal integration' };

/**
 * The smallest working integration, runnable: app/api/avatar/session/route.ts (create → wait → consume on
 * the server) plus <AvatarCall connectUrl="/api/avatar/session"> behind a Start button (minimal-call.tsx).
 * docs/customizing.md walks through it.
 */
export default function MinimalExamplePage() {
  return (
    <section className="example" aria-labelledby="example-title">
      <h1 id="example-title">Minimal integration</h1>
      <p className="muted">
        Two files: the server route <code>app/api/avatar/session/route.ts</code>, and a client component that renders{' '}
        <code>{'<AvatarCall connectUrl="/api/avatar/session">'}</code> behind your own Start button. No progress, no history, no tools.
      </p>
      <MinimalCall avatarId="cat-character" />
    </section>
  );
}
