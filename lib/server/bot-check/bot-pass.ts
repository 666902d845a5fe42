import 'server-only';
import type { BotCheckConfig } from '@/lib/bot-check/bot-check';
import { AppError } from '@/lib/errors';
import { cookieValue, serializeCookie } from '@/lib/server/auth/cookies';
import { signToken, verifyToken } from '@/lib/server/auth/tokens';
import { turnstileKeys } from './turnstile';

/**
 * The pass a visitor gets for solving the bot check once: a signed, short-lived HttpOnly cookie that both
 * call-start routes require while the check is on. Long enough for a device check, a call and a second
 * call; short enough that a pass copied out of a browser is soon worth nothing.
 */

export const BOT_PASS_COOKIE = 'bot_pass';
const PASS_MINUTES = 20;

/** The Set-Cookie header of a new pass: a token for the bot-pass audience (lib/server/auth/tokens.ts). */
export async function issueBotPass(request: Request) {
  const value = await signToken('bot-pass', {}, PASS_MINUTES * 60);
  return serializeCookie(request, { name: BOT_PASS_COOKIE, value, maxAge: PASS_MINUTES * 60 });
}

/** Whether the cookies hold a pass this server signed for this purpose and that has not expired. */
export async function hasBotPass(cookieHeader: string | null) {
  return (await verifyToken('bot-pass', cookieValue(cookieHeader, BOT_PASS_COOKIE))) !== null;
}

/** For the call-start routes: nothing while the check is off; a 403 the call page knows without a pass. */
export async function requireBotPass(request: Request) {
  if (!turnstileKeys() || (await hasBotPass(request.headers.get('cookie')))) return;
  throw new AppError('bot_check_required', 'Complete the check that you are human on the call page, then start the call.');
}

/** What a call page shows: null while the check is off, else the public site key and whether a pass is held. */
export async function botCheckForPage(cookieHeader: string | null): Promise<BotCheckConfig | null> {
  const keys = turnstileKeys();
  return keys && { siteKey: keys.siteKey, passed: await hasBotPass(cookieHeader) };
}
