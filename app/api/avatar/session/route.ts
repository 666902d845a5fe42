import { startSessionBodySchema } from '@/lib/call/session-schema';
import { requireBotPass } from '@/lib/server/bot-check/bot-pass';
import { afterResponse, NO_STORE_SMALL, route } from '@/lib/server/http';
import { callerOf } from '@/lib/server/sessions/access';
import { startCall } from '@/lib/server/sessions/lifecycle';
import { serveCall } from '@/lib/server/sessions/while-in-call';

/** Drop-in for `<AvatarCall connectUrl="/api/avatar/session">`: create → wait → consume in one request. */

// Provisioning (SESSION_READY_TIMEOUT_SECONDS, at most 45 s) and then the call itself, for an avatar with
// backend tools served from this request (after()): the most Vercel Hobby allows (docs/backend-tools.md).
export const maxDuration = 300;

export const POST = route({ body: startSessionBodySchema }, async ({ body, request }) => {
  await requireBotPass(request);
  const { credentials, servesTools } = await startCall(body.avatarId, await callerOf(request), { signal: request.signal });
  if (servesTools) afterResponse(() => serveCall(servesTools));
  return Response.json(credentials, { headers: NO_STORE_SMALL });
});
