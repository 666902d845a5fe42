import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';
import { cookies } from 'next/headers';
import { redirect, unstable_rethrow } from 'next/navigation';
import { cache } from 'react';
import { ADMIN_COOKIE } from '@/lib/auth/access-policy';
import { AppError } from '@/lib/errors';
import { getEnv } from '@/lib/server/env';
import { processState } from '@/lib/server/process-state';
import { currentRequest } from '@/lib/server/request-scope';
import { runwayMode } from '@/lib/server/runway/mode';
import { keyedDigest, signToken, verifyToken } from './tokens';

/**
 * Admin sign-in (one password, a signed HttpOnly cookie, a growing wait after failed attempts) and the one
 * admin check, `verifyAdmin()`, which every function that returns admin data calls where it reads it.
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

// Failed attempts per client, and when that client may try again.
const failures = processState('admin-login-failures', () => new Map<string, { count: number; retryAt: number }>());
const FORGET_AFTER_MS = 15 * 60_000;

/**
 * After a failed attempt a client must wait before the next one (250 ms, doubling, up to 5 s); an attempt
 * inside that window is refused with 429 without looking at the password. The window is taken before the
 * comparison, in one synchronous step, so parallel guesses are refused too rather than all checked at once.
 */
export async function checkPassword(candidate: string, clientKey: string) {
  const password = adminPassword();
  if (!password) throw new AppError('forbidden', 'Admin sign-in is off: set ADMIN_PASSWORD on the server.');
  const now = Date.now();
  const record = failures.get(clientKey);
  if (record && now < record.retryAt) {
    const seconds = Math.ceil((record.retryAt - now) / 1000);
    throw new AppError('rate_limited', `Too many attempts. Try again in ${seconds} s.`, { retryAfterSeconds: seconds });
  }
  const count = record && now - record.retryAt < FORGET_AFTER_MS ? record.count : 0;
  failures.set(clientKey, { count: count + 1, retryAt: now + Math.min(5000, 250 * 2 ** count) });
  if (failures.size > 10_000) failures.delete(failures.keys().next().value!);
  if (!safeEqual(candidate, password)) throw new AppError('unauthorized', 'That password is not right.');
  failures.delete(clientKey);
}

/** The admin cookie names the password it was issued for (keyed, see keyedDigest), so a new password signs everyone out. */
interface AdminClaims {
  pwd: string;
}

export async function issueAdminCookie(request: Request) {
  const password = adminPassword();
  if (!password) throw new AppError('forbidden', 'Admin sign-in is off: set ADMIN_PASSWORD on the server.');
  const value = await signToken('admin-session', { pwd: await keyedDigest(password) } satisfies AdminClaims, SESSION_HOURS * 3600);
  return serializeCookie(request, value, SESSION_HOURS * 3600);
}

export function clearAdminCookie(request: Request) {
  return serializeCookie(request, '', 0);
}

function serializeCookie(request: Request, value: string, maxAge: number) {
  const { hostname, protocol } = new URL(request.url);
  const https = protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https';
  // Secure everywhere but plain-HTTP localhost, where browsers would drop a Secure cookie.
  const local = !https && ['localhost', '127.0.0.1', '[::1]'].includes(hostname);
  return `${ADMIN_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${local ? '' : '; Secure'}`;
}

function cookieValue(cookieHeader: string | null, name: string) {
  for (const part of cookieHeader?.split(';') ?? []) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
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
