import 'server-only';
import { randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { missingAuthSecret } from '@/lib/env-schema';
import { getEnv } from '@/lib/server/env';
import { processState } from '@/lib/server/process-state';

/**
 * Signed tokens (HS256 JWTs, with jose) for everything the server hands out and later trusts: the admin
 * cookie, the admin's device cookie and session tickets. Each purpose is its own audience, so a token issued for one is refused as
 * another, and every token expires. The key is AUTH_SECRET; a production server refuses to start without
 * it (instrumentation-node.ts), and development uses a random key per process. Nothing is derived from
 * the admin password: tickets are public, and would otherwise be an offline oracle for it.
 */

export type TokenPurpose = 'admin-session' | 'admin-device' | 'session-ticket' | 'bot-pass';

const ISSUER = 'runway-characters-starter';
/** Far above any token issued here; a longer one is refused before any work is done on it. */
const MAX_TOKEN_LENGTH = 4096;

const keys = processState('signing-key', () => ({
  developmentSecret: randomBytes(32),
  current: undefined as { secret: string | undefined; key: Promise<CryptoKey> } | undefined,
}));

/** The HMAC key, imported once per secret (an import per token would cost more than the signature). */
function signingKey(): Promise<CryptoKey> {
  const { AUTH_SECRET, NODE_ENV } = getEnv();
  if (!AUTH_SECRET && NODE_ENV === 'production') throw new Error(missingAuthSecret);
  const { current } = keys;
  if (current && current.secret === AUTH_SECRET) return current.key;
  const raw = AUTH_SECRET ? new TextEncoder().encode(AUTH_SECRET) : keys.developmentSecret;
  const key = crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
  keys.current = { secret: AUTH_SECRET, key };
  return key;
}

/** A token for `purpose` that expires `ttlSeconds` from now. */
export async function signToken(purpose: TokenPurpose, claims: JWTPayload, ttlSeconds: number): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(ISSUER)
    .setAudience(purpose)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(await signingKey());
}

/** The token's claims when it is well formed, signed with our key, issued for `purpose` and unexpired; else null. */
export async function verifyToken<T extends object>(
  purpose: TokenPurpose,
  token: string | null | undefined,
): Promise<(T & JWTPayload) | null> {
  if (!token || token.length > MAX_TOKEN_LENGTH) return null;
  const key = await signingKey();
  try {
    const { payload } = await jwtVerify<T>(token, key, {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: purpose,
      requiredClaims: ['exp'],
    });
    return payload;
  } catch {
    return null;
  }
}

/**
 * A digest of `value` under the signing key: it identifies a secret (the admin password, so changing it
 * signs every admin out) without revealing anything about it to whoever lacks the key.
 */
export async function keyedDigest(value: string): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', await signingKey(), new TextEncoder().encode(`digest:${value}`));
  return Buffer.from(mac).toString('base64url').slice(0, 22);
}
