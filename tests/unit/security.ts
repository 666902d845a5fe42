import { SignJWT } from 'jose';
import { beforeEach, expect, vi } from 'vitest';
import { POST as loginRoute } from '@/app/api/auth/login/route';
import { jsonRequest, routeContext } from '@/tests/unit/request';

/**
 * Helpers for the security features: limiter state, admin sign-in and session tickets.
 *
 * Limiter counters, concurrency slots, the session registry and its timer, login failures and tracked sessions live on globalThis (see
 * lib/server/process-state.ts) and so outlive a test. `limits` and `session-registry` are looked up on every
 * use, so deleting their symbols makes the next admission start from zero; the Maps are held by their modules, so they are
 * cleared in place.
 */

const stateKey = (name: string) => Symbol.for(`runway-characters-starter:${name}`);

export function resetSecurityState() {
  const store = globalThis as typeof globalThis & { [key: symbol]: unknown };
  delete store[stateKey('limits')];
  delete store[stateKey('session-registry')];
  const reclaimTimer = store[stateKey('reclaim-timer')] as { handle?: NodeJS.Timeout; at: number } | undefined;
  if (reclaimTimer) {
    clearTimeout(reclaimTimer.handle);
    Object.assign(reclaimTimer, { handle: undefined, at: Infinity });
  }
  for (const name of ['tracked-sessions', 'admin-login-failures']) {
    const map = store[stateKey(name)];
    if (map instanceof Map) map.clear();
  }
}

type LimitVariable =
  'RATE_LIMIT_SESSIONS_PER_MINUTE' | 'MAX_CONCURRENT_SESSIONS' | 'DAILY_SESSION_MINUTES' | 'SESSION_MAX_DURATION_SECONDS';

/** High enough that tests which are not about limits never meet one. */
export const GENEROUS_LIMITS: Partial<Record<LimitVariable, string>> = {
  RATE_LIMIT_SESSIONS_PER_MINUTE: '10000',
  MAX_CONCURRENT_SESSIONS: '10000',
  DAILY_SESSION_MINUTES: '1000000',
};

/** Before each test: fresh limiter state, and these limits (by default, generous ones). */
export function useFreshLimits(limits: Partial<Record<LimitVariable, string>> = GENEROUS_LIMITS) {
  beforeEach(() => {
    resetSecurityState();
    for (const [name, value] of Object.entries(limits)) vi.stubEnv(name, value);
  });
}

/** At least 12 characters, as the env schema requires. */
export const TEST_ADMIN_PASSWORD = 'correct-horse-battery';

/** Signs in through POST /api/auth/login and returns the `Cookie` header value a browser would send. */
export async function signIn(password = TEST_ADMIN_PASSWORD): Promise<string> {
  const response = await loginRoute(jsonRequest('/api/auth/login', { body: { password } }), routeContext({}));
  expect(response.status).toBe(200);
  const setCookie = response.headers.get('set-cookie') ?? '';
  const pair = setCookie.split(';')[0]!;
  expect(pair).toMatch(/^admin_session=[^;]+$/);
  return pair;
}

/** Live mode (useRunwayFake) has no development password: set one and sign in with it. */
export async function signInWithTestPassword() {
  vi.stubEnv('ADMIN_PASSWORD', TEST_ADMIN_PASSWORD);
  return signIn(TEST_ADMIN_PASSWORD);
}

/** Flips one character of a signed token's signature (a JWT's last part), keeping it well-formed base64url. */
export function tamperSignature(token: string) {
  const [header, body, signature] = token.split('.') as [string, string, string];
  const last = signature.at(-2) === 'A' ? 'B' : 'A';
  return `${header}.${body}.${signature.slice(0, -2)}${last}${signature.at(-1)}`;
}

/** Rewrites a signed token's payload, keeping the old signature: what a forger without the key can do. */
export function tamperPayload(token: string, change: (payload: Record<string, unknown>) => Record<string, unknown>) {
  const [header, body, signature] = token.split('.') as [string, string, string];
  const payload = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
  return `${header}.${Buffer.from(JSON.stringify(change(payload))).toString('base64url')}.${signature}`;
}

/** At least 32 characters, as the env schema requires; tests that forge tokens with the server's key set it. */
export const TEST_AUTH_SECRET = 'test-auth-secret-0123456789abcdef';

/**
 * A JWT as lib/server/auth/tokens.ts would make one, with whatever the test chooses: the server's key
 * (TEST_AUTH_SECRET) or another, any audience, an expiry in the past or none at all.
 */
export async function forgeToken(
  claims: Record<string, unknown>,
  { audience, secret = TEST_AUTH_SECRET, expiresAt }: { audience: string; secret?: string; expiresAt?: number },
) {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuer('runway-characters-starter').setAudience(audience);
  if (expiresAt !== undefined) jwt.setExpirationTime(Math.floor(expiresAt / 1000));
  return jwt.sign(new TextEncoder().encode(secret));
}
