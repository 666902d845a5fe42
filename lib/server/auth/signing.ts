import 'server-only';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { getEnv } from '@/lib/server/env';

/**
 * HMAC signing for admin cookies and session tickets. The key is AUTH_SECRET, else derived from
 * ADMIN_PASSWORD (so every instance of a deployment agrees), else, in development only, random per process.
 */

let processKey: Buffer | undefined;

function signingKey(purpose: string): Buffer {
  const { AUTH_SECRET, ADMIN_PASSWORD } = getEnv();
  const secret = AUTH_SECRET ?? ADMIN_PASSWORD;
  const base = secret ? createHash('sha256').update(`runway-characters-starter:${secret}`).digest() : (processKey ??= randomBytes(32));
  return createHmac('sha256', base).update(purpose).digest();
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
