import { loginBodySchema, loginQuerySchema } from '@/lib/auth/auth-schema';
import { sameSitePath } from '@/lib/auth/same-site-path';
import { checkPassword, issueAdminCookie } from '@/lib/server/auth/admin';
import { issueDeviceCookie } from '@/lib/server/auth/login-throttle';
import { isFormPost, NO_STORE, route } from '@/lib/server/http';

/**
 * Admin sign-in. The page signs in with fetch (JSON); before it hydrates, or with JavaScript off, the same
 * form posts here as a plain form, and the answer is a 303 redirect: to `next` on success, back to /login
 * with an error code otherwise. The password is only ever in the body.
 */

function redirect(location: string, cookies: string[] = []) {
  return new Response(null, { status: 303, headers: withCookies({ Location: location }, cookies) });
}

function withCookies(headers: Record<string, string>, cookies: string[]) {
  const all = new Headers({ ...NO_STORE, ...headers });
  for (const cookie of cookies) all.append('Set-Cookie', cookie);
  return all;
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
    await checkPassword(body.password, request);
    // The session, and the mark of a browser that knew the password (its own sign-in window from now on).
    const cookies = [await issueAdminCookie(request), await issueDeviceCookie(request)];
    if (isFormPost(request)) return redirect(sameSitePath(query.next ?? '/'), cookies);
    return Response.json({ ok: true }, { headers: withCookies({}, cookies) });
  },
);
