import { loginBodySchema, loginQuerySchema } from '@/lib/auth/auth-schema';
import { sameSitePath } from '@/lib/auth/same-site-path';
import { checkPassword, issueAdminCookie } from '@/lib/server/auth/admin';
import { isFormPost, NO_STORE, route } from '@/lib/server/http';
import { clientKey } from '@/lib/server/security/request-guards';

/**
 * Admin sign-in. The page signs in with fetch (JSON); before it hydrates, or with JavaScript off, the same
 * form posts here as a plain form, and the answer is a 303 redirect: to `next` on success, back to /login
 * with an error code otherwise. The password is only ever in the body.
 */

function redirect(location: string, headers: Record<string, string> = {}) {
  return new Response(null, { status: 303, headers: { ...NO_STORE, Location: location, ...headers } });
}

export const POST = route(
  {
    query: loginQuerySchema,
    body: loginBodySchema,
    formPost: {
      onError: (error, request) => {
        const next = sameSitePath(new URL(request.url).searchParams.get('next') ?? '/');
        return redirect(`/login?${new URLSearchParams({ error: error.code, next })}`);
      },
    },
  },
  async ({ body, query, request }) => {
    await checkPassword(body.password, clientKey(request));
    const cookie = { 'Set-Cookie': await issueAdminCookie(request) };
    if (isFormPost(request)) return redirect(sameSitePath(query.next ?? '/'), cookie);
    return Response.json({ ok: true }, { headers: { ...NO_STORE, ...cookie } });
  },
);
