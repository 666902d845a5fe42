import 'server-only';
import { AppError } from '@/lib/errors';
import { processState } from '@/lib/server/process-state';
import { clientKey } from '@/lib/server/security/request-guards';
import { cookieValue, serializeCookie } from './cookies';
import { signToken, verifyToken } from './tokens';

/**
 * How fast the admin password can be guessed, without letting a guesser lock the admin out.
 *
 * After a failed attempt, the next attempt from the same place must wait (250 ms, doubling, up to 5 s); one
 * inside that window is refused with 429 without looking at the password. The window is taken before the
 * comparison, in one synchronous step, so parallel guesses are refused too rather than all checked at once.
 *
 * "The same place" cannot just be the client's address: by default (no trusted proxy, see clientKey) every
 * visitor is one client, so a guesser's failures would hold the admin's attempts back too, for as long as
 * they kept failing. Requests cannot be told apart before the password is checked, so no budget of checks
 * can both slow the guesser and always let the admin through. What tells them apart is a browser that has
 * signed in before: a successful sign-in leaves a signed device cookie (HttpOnly, sent only to the sign-in
 * route), and attempts that carry one have a window of their own, which nobody else's failures touch. So:
 * - a browser that has signed in before is never held back by anyone else's guesses;
 * - a new browser waits behind the guesses of its client (everyone, by default; the address the proxy saw,
 *   with TRUSTED_PROXY_HOPS): at most 5 s after each failure, but a guesser who keeps failing keeps it shut.
 */

export const DEVICE_COOKIE = 'admin_device';
const DEVICE_DAYS = 180;
const FORGET_AFTER_MS = 15 * 60_000;
const MAX_WAIT_MS = 5000;
const MAX_TRACKED = 10_000;

interface DeviceClaims {
  id: string;
}

// Failed attempts per window (a device, or a client), and when it may try again.
const failures = processState('admin-login-failures', () => new Map<string, { count: number; retryAt: number }>());

/** The window an attempt counts in: its browser's, when it carries a valid device cookie; its client's otherwise. */
async function windowOf(request: Request) {
  const device = await verifyToken<DeviceClaims>('admin-device', cookieValue(request.headers.get('cookie'), DEVICE_COOKIE));
  if (device && typeof device.id === 'string') return `device:${device.id}`;
  return `client:${clientKey(request)}`;
}

/**
 * Takes an attempt's turn: refuses it with 429 inside its window, otherwise opens the next window (as if
 * it will fail) before the caller compares the password. Call `succeeded()` when it was right.
 */
export async function takeLoginAttempt(request: Request) {
  const key = await windowOf(request);
  // From here to the return, one synchronous step: parallel attempts in the same window see each other.
  const now = Date.now();
  const record = failures.get(key);
  if (record && now < record.retryAt) {
    const seconds = Math.ceil((record.retryAt - now) / 1000);
    throw new AppError('rate_limited', `Too many attempts. Try again in ${seconds} s.`, { retryAfterSeconds: seconds });
  }
  const count = record && now - record.retryAt < FORGET_AFTER_MS ? record.count : 0;
  failures.set(key, { count: count + 1, retryAt: now + Math.min(MAX_WAIT_MS, 250 * 2 ** count) });
  if (failures.size > MAX_TRACKED) failures.delete(failures.keys().next().value!);
  return { succeeded: () => failures.delete(key) };
}

/** Set on each successful sign-in: marks this browser as one that knew the password. */
export async function issueDeviceCookie(request: Request) {
  const value = await signToken('admin-device', { id: crypto.randomUUID() } satisfies DeviceClaims, DEVICE_DAYS * 86_400);
  return serializeCookie(request, { name: DEVICE_COOKIE, value, maxAge: DEVICE_DAYS * 86_400, path: '/api/auth/login' });
}
