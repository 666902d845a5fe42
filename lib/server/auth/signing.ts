import 'server-only';
import { createHash, createHmac, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { getEnv } from '@/lib/server/env';
import { processState } from '@/lib/server/process-state';

/**
 * HMAC signing for admin cookies and session tickets. The key is AUTH_SECRET, else derived from
 * ADMIN_PASSWORD (so every instance of a deployment agrees), else, in development only, random per process.
 */

const keys = processState('signing-keys', () => new Map<string, Buffer>());

/**
 * Tickets are public, so a key derived from a password must be slow to guess offline: scrypt, computed
 * once per process and secret.
 */
function baseKey(): Buffer {
  const { AUTH_SECRET, ADMIN_PASSWORD } = getEnv();
  const secret = AUTH_SECRET ?? ADMIN_PASSWORD ?? '';
  let key = keys.get(secret);
  if (!key) {
    key = secret
      ? scryptSync(secret, 'runway-characters-starter', 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 })
      : randomBytes(32);
    keys.set(secret, key);
  }
  return key;
}

function signingKey(purpose: string): Buffer {
  return createHmac('sha256', baseKey()).update(purpose).digest();
}

/** `payload.signature`, both base64url. */
export function sign(purpose: string, payload: object): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const signature = createHmac('sha256', signingKey(purpose)).update(body).digest('base64url');
  return `${body}.${signature}`;
}

export function verify<T>(purpose: string, token: string | null | undefined): T | null {
  if (!token || token.length > 2048) return null;
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return null;
  const expected = createHmac('sha256', signingKey(purpose)).update(body).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    return JSON.parse(Buffer.from(body, 'base64url').toString()) as T;
  } catch {
    return null;
  }
}

/** Compares secrets in constant time, whatever their lengths. */
export function safeEqual(a: string, b: string) {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(a), digest(b));
}
