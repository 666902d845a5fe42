import 'server-only';
import { isIP } from 'node:net';
import { z } from 'zod';
import { TURNSTILE_ORIGIN } from '@/lib/bot-check/bot-check';
import { AppError } from '@/lib/errors';
import { getEnv } from '@/lib/server/env';

/** Cloudflare Turnstile's server half: whether the check is on, and one siteverify call per token. */

export const SITEVERIFY_URL = `${TURNSTILE_ORIGIN}/turnstile/v0/siteverify`;
const SITEVERIFY_TIMEOUT_MS = 10_000;

/** Both keys, or null when the check is off (the env schema refuses one without the other). */
export function turnstileKeys() {
  const { TURNSTILE_SITE_KEY, TURNSTILE_SECRET_KEY } = getEnv();
  return TURNSTILE_SITE_KEY && TURNSTILE_SECRET_KEY ? { siteKey: TURNSTILE_SITE_KEY, secretKey: TURNSTILE_SECRET_KEY } : null;
}

/** What the page's CSP must allow for the widget (its script and its frame): nothing while the check is off. */
export function botCheckCspSources(): string[] {
  return turnstileKeys() ? [TURNSTILE_ORIGIN] : [];
}

const siteverifyAnswerSchema = z.object({ success: z.boolean(), 'error-codes': z.array(z.string()).default([]) });

// Cloudflare's codes that mean the deployment's secret is wrong, not the visitor's token.
const SECRET_ERRORS = new Set(['missing-input-secret', 'invalid-input-secret']);

const unavailable = (cause?: unknown) =>
  new AppError('upstream_unavailable', 'The bot check could not be confirmed right now. Try again in a moment.', { cause });

/**
 * Asks siteverify about a token, once: tokens are single use, so a retry could only fail. Fails closed: no
 * answer, a slow one or one that is not Cloudflare's JSON is a 503, never a pass. `remoteIp` is sent only
 * when it is an address (the caller passes the client identity the server trusts, never a raw header).
 */
export async function verifyTurnstileToken(token: string, remoteIp: string | undefined, signal: AbortSignal) {
  const keys = turnstileKeys();
  if (!keys) throw new AppError('not_found', 'The bot check is off on this server.');
  const form = new URLSearchParams({ secret: keys.secretKey, response: token });
  if (remoteIp && isIP(remoteIp)) form.set('remoteip', remoteIp);
  let answer: z.infer<typeof siteverifyAnswerSchema>;
  try {
    const response = await fetch(SITEVERIFY_URL, {
      method: 'POST',
      body: form,
      signal: AbortSignal.any([signal, AbortSignal.timeout(SITEVERIFY_TIMEOUT_MS)]),
    });
    if (!response.ok) throw new Error(`siteverify answered ${response.status}`);
    answer = siteverifyAnswerSchema.parse(await response.json());
  } catch (error) {
    if (signal.aborted) throw error;
    throw unavailable(error);
  }
  if (answer.success) return;
  const codes = answer['error-codes'];
  if (codes.some((code) => SECRET_ERRORS.has(code))) {
    throw new AppError('upstream_unauthorized', 'The bot check is not set up correctly on the server.', {
      cause: new Error(`siteverify refused the secret: ${codes.join(', ')}`),
    });
  }
  if (codes.includes('internal-error')) throw unavailable(new Error('siteverify: internal-error'));
  throw new AppError('bot_check_failed', 'The check did not pass. Try it again.');
}
