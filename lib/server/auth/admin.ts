import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';
import { cookies } from 'next/headers';
import { redirect, unstable_rethrow } from 'next/navigation';
import { cache } from 'react';
import { ADMIN_COOKIE } from '@/lib/auth/access-policy';
import { AppError } from '@/lib/errors';
import { getEnv } from '@/lib/server/env';
import { currentRequest } from '@/lib/server/request-scope';
import { runwayMode } from '@/lib/server/runway/mode';
import { cookieValue, serializeCookie } from './cookies';
import { takeLoginAttempt } from './login-throttle';
import { keyedDigest, signToken, verifyToken } from './tokens';

/**
 * Admin sign-in (one password, a signed HttpOnly cookie, a growing wait after failed attempts: see
 * login-throttle.ts) and the one admin check, `verifyAdmin()`, which every function that returns admin data
 * calls where it reads it.
 */

const SESSION_HOURS = 8;
/** Documented in the README: only for local development on the emulator, never in production. */
export const DEVELOPMENT_PASSWORD = 'admin';

/** The password in force, or null when admin sign-in is off (development with a live key and none set). */
export function adminPassword(): string | null {
  const env = getEnv();
  if (env.ADMIN_PASSWORD) return env.ADMIN_PASSWORD;
  return env.NODE_ENV !== 'production' && runwayMode() === 'emulator' ? DEVELOPMENT_PASSWORD : null;
}

/** Compares secrets in constant time, whatever their lengths. */
function safeEqual(a: string, b: string) {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/**
 * Compares a sign-in attempt with the password, in constant time, once the attempt has its turn
 * (login-throttle.ts: a growing wait after failures that others' guesses cannot extend).
 */
export async function checkPassword(candidate: string, request: Request) {
  const password = adminPassword();
  if (!password) throw new AppError('forbidden', 'Admin sign-in is off: set ADMIN_PASSWORD on the server.');
  const attempt = await takeLoginAttempt(request);
  if (!safeEqual(candidate, password)) throw new AppError('unauthorized', 'That password is not right.');
  attempt.succeeded();
}

/** The admin cookie names the password it was issued for (keyed, see keyedDigest), so a new password signs everyone out. */
interface AdminClaims {
  pwd: string;
}

export async function issueAdminCookie(request: Request) {
  const password = adminPassword();
  if (!password) throw new AppError('forbidden', 'Admin sign-in is off: set ADMIN_PASSWORD on the server.');
  const value = await signToken('admin-session', { pwd: await keyedDigest(password) } satisfies AdminClaims, SESSION_HOURS * 3600);
  return serializeCookie(request, { name: ADMIN_COOKIE, value, maxAge: SESSION_HOURS * 3600 });
}

export function clearAdminCookie(request: Request) {
  return serializeCookie(request, { name: ADMIN_COOKIE, value: '', maxAge: 0 });
}

/**
 * Whether this admin cookie value is genuine: signed with our key for the admin audience, unexpired, and
 * sign-in is on at all. proxy.ts asks this too, so no page is ever rendered for a cookie that merely exists.
 */
export async function isAdminToken(token: string | undefined) {
  const password = adminPassword();
  if (!token || !password) return false;
  const claims = await verifyToken<AdminClaims>('admin-session', token);
  return claims !== null && claims.pwd === (await keyedDigest(password));
}

/**
 * Once per render: a page, its layout and every data function it calls share one verification. Outside any
 * request (a script, work after the response) there is no visitor, so no admin.
 */
const adminInRender = cache(async () => {
  let token: string | undefined;
  try {
    token = (await cookies()).get(ADMIN_COOKIE)?.value;
  } catch (error) {
    // Next's own signals (this render is dynamic) must pass; anything else means no request.
    unstable_rethrow(error);
    return false;
  }
  return isAdminToken(token);
});

// Once per request, likewise: the route, the data functions and the session rules may all ask.
const verifiedRequests = new WeakMap<Request, Promise<boolean>>();

/**
 * Whether the visitor is the signed-in admin: from `request` when given, else from the request a route
 * handler is serving (request-scope.ts), else from the render's cookies.
 */
export async function isAdmin(request: Request | undefined = currentRequest()): Promise<boolean> {
  if (!request) return adminInRender();
  let verified = verifiedRequests.get(request);
  if (!verified) {
    verified = isAdminToken(cookieValue(request.headers.get('cookie'), ADMIN_COOKIE));
    verifiedRequests.set(request, verified);
  }
  return verified;
}

/** The data access layer's check: throws `unauthorized` unless the visitor is the signed-in admin. */
export async function verifyAdmin(request?: Request): Promise<void> {
  if (!(await isAdmin(request))) throw new AppError('unauthorized', 'Sign in as the admin to do this.');
}

/** For server components: whether the visitor is the signed-in admin. */
export async function viewer() {
  return { admin: await isAdmin() };
}

/**
 * The first line of every admin page: anyone else is sent to sign in, whether the request is a full load, a
 * client navigation, a prefetch or an RSC fetch. `returnTo` is the page's own path, to come back to.
 */
export async function requireAdminPage(returnTo: string): Promise<void> {
  if (!(await isAdmin())) redirect(`/login?${new URLSearchParams({ next: returnTo })}`);
}
