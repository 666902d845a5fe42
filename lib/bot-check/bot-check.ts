import { request } from '@/lib/api-request';

/**
 * The optional bot check before a public call starts (Cloudflare Turnstile, on when TURNSTILE_SITE_KEY and
 * TURNSTILE_SECRET_KEY are set): what the page and POST /api/bot-check share. Delete this folder,
 * lib/server/bot-check/, components/bot-check/ and app/api/bot-check/ to remove the feature. No zod here:
 * the call page imports this module, and a zod object schema built in the browser before lib/tools/catalog.ts
 * turns zod's JIT off probes `new Function`, which the page's CSP reports as a violation.
 */

/** Where Turnstile's script and frame come from: the only origin the CSP adds for it. */
export const TURNSTILE_ORIGIN = 'https://challenges.cloudflare.com';
export const TURNSTILE_SCRIPT_URL = `${TURNSTILE_ORIGIN}/turnstile/v0/api.js?render=explicit`;

/** What a page needs to show the check: the public site key, and whether this visitor already holds a pass. */
export interface BotCheckConfig {
  siteKey: string;
  passed: boolean;
}

/** Exchanges a widget token for the pass cookie that POST /api/sessions and /api/avatar/session require. */
export const verifyBotCheck = (token: string) =>
  request<{ ok: true }>('/api/bot-check', { method: 'POST', body: JSON.stringify({ token }) });
