import 'server-only';
import type { BotCheckConfig } from '@/lib/bot-check/bot-check';
import { AppError } from '@/lib/errors';
import { sign, verify } from '@/lib/server/auth/signing';
import { httpOnlyCookie, readCookie } from '@/lib/server/cookies';
import { turnstileKeys } from './turnstile';

/**
 * The pass a visitor gets for solving the bot check once: a signed, short-lived HttpOnly cookie that both
 * call-start routes require while the check is on. Long enough for a device check, a call and a second
 * call; short enough that a pass copied out of a browser is soon worth nothing.
 */

export const BOT_PASS_COOKIE = 'bot_pass';
const PASS_MINUTES = 20;
const PURPOSE = 'bot-pass';

interface BotPassClaims {
  exp: number;
}

/** The Set-Cookie header of a new pass. Signing lives here and in hasBotPass only. */
export function issueBotPass(request: Request) {
  const value = sign(PURPOSE, { exp: Date.now() + PASS_MINUTES * 60_000 } satisfies BotPassClaims);
  return httpOnlyCookie(request, BOT_PASS_COOKIE, value, PASS_MINUTES * 60);
}

/** Whether the cookies hold a pass this server signed for this purpose and that has not expired. */
export function hasBotPass(cookieHeader: string | null) {
  const claims = verify<BotPassClaims>(PURPOSE, readCookie(cookieHeader, BOT_PASS_COOKIE));
  return claims !== null && typeof claims.exp === 'number' && claims.exp > Date.now();
}

/** For the call-start routes: nothing while the check is off; a 403 the call page knows without a pass. */
export function requireBotPass(request: Request) {
  if (!turnstileKeys() || hasBotPass(request.headers.get('cookie'))) return;
  throw new AppError('bot_check_required', 'Complete the check that you are human on the call page, then start the call.');
}

/** What a call page shows: null while the check is off, else the public site key and whether a pass is held. */
export function botCheckForPage(cookieHeader: string | null): BotCheckConfig | null {
  const keys = turnstileKeys();
  return keys && { siteKey: keys.siteKey, passed: hasBotPass(cookieHeader) };
}
