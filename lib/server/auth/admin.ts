import 'server-only';
import { headers } from 'next/headers';
import { ADMIN_COOKIE } from '@/lib/auth/access-policy';
import { AppError } from '@/lib/errors';
import { httpOnlyCookie, readCookie } from '@/lib/server/cookies';
import { getEnv } from '@/lib/server/env';
import { processState } from '@/lib/server/process-state';
import { runwayMode } from '@/lib/server/runway/client';
import { safeEqual, sign, verify } from './signing';

/** Admin sign-in: one password, a signed HttpOnly cookie, and a growing wait after failed attempts. */

const SESSION_HOURS = 8;
/** Documented in the README: only for local development on the emulator, never in production. */
export const DEVELOPMENT_PASSWORD = 'admin';

/** The password in force, or null when admin sign-in is off (development with a live key and none set). */
export function adminPassword(): string | null {
  const env = getEnv();
  if (env.ADMIN_PASSWORD) return env.ADMIN_PASSWORD;
  return env.NODE_ENV !== 'production' && runwayMode() === 'emulator' ? DEVELOPMENT_PASSWORD : null;
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

interface AdminClaims {
  exp: number;
}

export function issueAdminCookie(request: Request) {
  const expires = Date.now() + SESSION_HOURS * 3600_000;
  const value = sign('admin-session', { exp: expires } satisfies AdminClaims);
  return httpOnlyCookie(request, ADMIN_COOKIE, value, SESSION_HOURS * 3600);
}

export function clearAdminCookie(request: Request) {
  return httpOnlyCookie(request, ADMIN_COOKIE, '', 0);
}

/** Whether the request carries a valid, unexpired admin cookie. */
export function isAdmin(cookieHeader: string | null) {
  if (!adminPassword()) return false;
  const claims = verify<AdminClaims>('admin-session', readCookie(cookieHeader, ADMIN_COOKIE));
  return claims !== null && typeof claims.exp === 'number' && claims.exp > Date.now();
}

/** For server components: whether the visitor is the signed-in admin. */
export async function viewer() {
  return { admin: isAdmin((await headers()).get('cookie')) };
}

export function requireAdmin(request: Request) {
  if (!isAdmin(request.headers.get('cookie'))) throw new AppError('unauthorized', 'Sign in as the admin to do this.');
}
