import 'server-only';
import { headers } from 'next/headers';
import { ADMIN_COOKIE } from '@/lib/auth/access-policy';
import { AppError } from '@/lib/errors';
import { getEnv } from '@/lib/server/env';
import { runwayMode } from '@/lib/server/runway/client';
import { cookieValue, serializeCookie } from './cookies';
import { takeLoginAttempt } from './login-throttle';
import { safeEqual, sign, verify } from './signing';

/** Admin sign-in: one password, a signed HttpOnly cookie, and a growing wait after failed attempts (login-throttle.ts). */

const SESSION_HOURS = 8;
/** Documented in the README: only for local development on the emulator, never in production. */
export const DEVELOPMENT_PASSWORD = 'admin';

/** The password in force, or null when admin sign-in is off (development with a live key and none set). */
export function adminPassword(): string | null {
  const env = getEnv();
  if (env.ADMIN_PASSWORD) return env.ADMIN_PASSWORD;
  return env.NODE_ENV !== 'production' && runwayMode() === 'emulator' ? DEVELOPMENT_PASSWORD : null;
}

/**
 * Compares a sign-in attempt with the password, in constant time, once the attempt has its turn
 * (lib/server/auth/login-throttle.ts: a growing wait after failures that others' guesses cannot extend).
 */
export async function checkPassword(candidate: string, request: Request) {
  const password = adminPassword();
  if (!password) throw new AppError('forbidden', 'Admin sign-in is off: set ADMIN_PASSWORD on the server.');
  const attempt = takeLoginAttempt(request);
  if (!safeEqual(candidate, password)) throw new AppError('unauthorized', 'That password is not right.');
  attempt.succeeded();
}

interface AdminClaims {
  exp: number;
}

export function issueAdminCookie(request: Request) {
  const expires = Date.now() + SESSION_HOURS * 3600_000;
  const value = sign('admin-session', { exp: expires } satisfies AdminClaims);
  return serializeCookie(request, { name: ADMIN_COOKIE, value, maxAge: SESSION_HOURS * 3600 });
}

export function clearAdminCookie(request: Request) {
  return serializeCookie(request, { name: ADMIN_COOKIE, value: '', maxAge: 0 });
}

/** Whether the request carries a valid, unexpired admin cookie. */
export function isAdmin(cookieHeader: string | null) {
  if (!adminPassword()) return false;
  const claims = verify<AdminClaims>('admin-session', cookieValue(cookieHeader, ADMIN_COOKIE));
  return claims !== null && typeof claims.exp === 'number' && claims.exp > Date.now();
}

/** For server components: whether the visitor is the signed-in admin. */
export async function viewer() {
  return { admin: isAdmin((await headers()).get('cookie')) };
}

export function requireAdmin(request: Request) {
  if (!isAdmin(request.headers.get('cookie'))) throw new AppError('unauthorized', 'Sign in as the admin to do this.');
}
