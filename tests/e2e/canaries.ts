/**
 * Secrets the end-to-end run builds and serves with, so the tests can prove none of them ever reaches a
 * browser, a page, an API response or a log line. scripts/test-e2e.mjs builds with the same values.
 */
export const CANARY = {
  adminPassword: 'canary-admin-password-5f3a9c1e',
  apiKey: 'key_canary_live_secret_8d2b7e64',
  // The servers run with it; the build does not need it (scripts/test-e2e.mjs builds without it).
  authSecret: 'canary-auth-secret-3e9d1f7a-0b6c4a25',
  // The bot-check app's TURNSTILE_SECRET_KEY: Cloudflare refuses it (and offline there is no Cloudflare).
  turnstileSecret: 'turnstile-canary-secret-3e91b04d',
  elevenLabsKey: 'sk_canary_elevenlabs_secret_3c9e1a77',
} as const;

/** Server output goes here (playwright.config.ts); secrets.spec.ts scans it for leaked secrets. */
export const SERVER_LOGS = 'test-results/logs';
