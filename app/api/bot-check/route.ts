import { botCheckBodySchema } from '@/lib/bot-check/bot-check-schema';
import { issueBotPass } from '@/lib/server/bot-check/bot-pass';
import { verifyTurnstileToken } from '@/lib/server/bot-check/turnstile';
import { NO_STORE, route } from '@/lib/server/http';
import { clientKey } from '@/lib/server/security/request-guards';

/**
 * The optional bot check: the call page sends the Turnstile widget's token here once; a token Cloudflare
 * accepts earns the pass cookie that the call-start routes require. 404 while the check is off.
 */
export const POST = route({ body: botCheckBodySchema }, async ({ body, request }) => {
  await verifyTurnstileToken(body.token, clientKey(request), request.signal);
  return Response.json({ ok: true }, { headers: { ...NO_STORE, 'Set-Cookie': await issueBotPass(request) } });
});
