import { createHash } from 'node:crypto';
import { LAUNCHER_CACHE_CONTROL, launcherScript } from '@/lib/embed/launcher';
import { EMBED_MESSAGE_SOURCE } from '@/lib/embed/protocol';
import { getEnv } from '@/lib/server/env';
import { route } from '@/lib/server/http';

export const dynamic = 'force-dynamic';

/** The launcher script other sites load (docs/embed.md), with the allowlist it needs to stay off elsewhere. */
export const GET = route({}, async ({ request }) => {
  const body = launcherScript({ source: EMBED_MESSAGE_SOURCE, allowedOrigins: getEnv().EMBED_ALLOWED_ORIGINS });
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
  const headers = { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': LAUNCHER_CACHE_CONTROL, ETag: etag };
  if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
  return new Response(body, { headers });
});
