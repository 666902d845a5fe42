import { loginBodySchema } from '@/lib/schemas/auth';
import { checkPassword, issueAdminCookie } from '@/lib/server/auth/admin';
import { NO_STORE, route } from '@/lib/server/http';
import { clientKey } from '@/lib/server/security/request-guards';

export const POST = route({ body: loginBodySchema }, async ({ body, request }) => {
  await checkPassword(body.password, clientKey(request));
  return Response.json({ ok: true }, { headers: { ...NO_STORE, 'Set-Cookie': issueAdminCookie(request) } });
});
