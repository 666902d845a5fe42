import { NextResponse, type NextRequest } from 'next/server';
import { ADMIN_COOKIE, isPublicPath } from '@/lib/auth/access-policy';
import { isAdminToken } from '@/lib/server/auth/admin';
import { botCheckCspSources } from '@/lib/server/bot-check/turnstile';
import { EMBED_REQUEST_HEADER, frameAncestorsFor, isEmbedPath } from '@/lib/embed/origins';
import { getEnv } from '@/lib/server/env';
import { contentSecurityPolicy } from '@/lib/security-headers';

/**
 * In front of every page and API route (but the few that skip it, see the matcher), prefetches and RSC
 * requests included: a per-request CSP nonce for pages, and the first line of the admin guard, which
 * verifies the cookie's signature and expiry. It is not the only line: route() and every admin page check
 * again, and the data functions check where they read, so nothing relies on this file alone.
 */
export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  // Next's router answers a malformed percent-escape (/api/sessions/%) with a bare 500; it is bad input.
  try {
    decodeURIComponent(pathname);
  } catch {
    return NextResponse.json({ error: { code: 'invalid_request', message: 'The address is not valid.' } }, { status: 400 });
  }
  if (!isPublicPath(pathname) && !(await isAdminToken(request.cookies.get(ADMIN_COOKIE)?.value))) {
    if (pathname.startsWith('/api/')) {
      return NextResponse.json({ error: { code: 'unauthorized', message: 'Sign in as the admin to do this.' } }, { status: 401 });
    }
    const login = new URL('/login', request.url);
    login.searchParams.set('next', `${pathname}${search}`);
    return NextResponse.redirect(login);
  }
  if (pathname.startsWith('/api/')) return NextResponse.next();

  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const policy = contentSecurityPolicy({
    nonce,
    development: process.env.NODE_ENV === 'development',
    runwayOrigins: getEnv().RUNWAY_PUBLIC_ORIGINS,
    extraConnectSources: process.env.CSP_CONNECT_SRC?.split(/\s+/).filter(Boolean) ?? [],
    embedSources: botCheckCspSources(),
    frameAncestors: frameAncestorsFor(pathname, getEnv().EMBED_ALLOWED_ORIGINS),
  });
  const headers = new Headers(request.headers);
  headers.set('Content-Security-Policy', policy);
  // The root layout leaves the site's header off the embedded call; only this proxy may say so.
  headers.delete(EMBED_REQUEST_HEADER);
  if (isEmbedPath(pathname)) headers.set(EMBED_REQUEST_HEADER, '1');
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('Content-Security-Policy', policy);
  return response;
}

export const config = {
  // Everything but static assets: prefetches and RSC requests too, since no header may skip the admin check.
  matcher: [
    {
      // Not the placeholder images in public/avatars/ (the /avatars/… admin pages do need the proxy), nor
      // the app icon, which every page links to. Nor the well-formed session routes a call start makes
      // (create, status, consume, tool calls, one-shot): public, with nothing to decode, so here they would
      // only cost Next's proxy adapter, a sixth of the server's CPU in a burst of starts (bench:load).
      // A malformed one (/api/sessions/%) still comes here for its JSON 400. Nor the routes whose bodies
      // Next would otherwise buffer before the proxy runs (next.config.ts, proxyClientMaxBodySize): sign-in
      // and sign-out and the bot check (public) and the uploads (route() checks the admin before it reads a
      // byte). Nor the embed launcher script (app/embed.js), a public static file that other sites load.
      source:
        '/((?!_next/static|_next/image|favicon.ico|icon.svg|embed\\.js$|avatars/[^/]+\\.svg|api/avatar/session$|api/sessions(?:/[0-9a-f-]+(?:/consume|/tool-calls)?)?$|api/auth/(?:login|logout)$|api/bot-check$|api/uploads$|api/avatar-videos/audio$).*)',
    },
  ],
};
