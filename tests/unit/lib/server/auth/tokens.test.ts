import { afterEach, describe, expect, it, vi } from 'vitest';
import { missingAuthSecret } from '@/lib/env-schema';
import { keyedDigest, signToken, verifyToken } from '@/lib/server/auth/tokens';
import { forgeToken, TEST_AUTH_SECRET } from '@/tests/unit/security';

/** Every token the server hands out and later trusts: signed, for one purpose, and expiring. */

afterEach(() => vi.useRealTimers());

describe('signToken and verifyToken', () => {
  it('round-trips the claims of a token for the same purpose', async () => {
    vi.stubEnv('AUTH_SECRET', TEST_AUTH_SECRET);
    const token = await signToken('session-ticket', { sid: 'abc' }, 60);
    expect(await verifyToken<{ sid: string }>('session-ticket', token)).toMatchObject({ sid: 'abc', aud: 'session-ticket' });
  });

  it('refuses a token issued for another purpose', async () => {
    vi.stubEnv('AUTH_SECRET', TEST_AUTH_SECRET);
    expect(await verifyToken('admin-session', await signToken('session-ticket', {}, 60))).toBeNull();
  });

  it('refuses a token once it has expired', async () => {
    vi.stubEnv('AUTH_SECRET', TEST_AUTH_SECRET);
    vi.useFakeTimers({ toFake: ['Date'] });
    const token = await signToken('admin-session', {}, 60);
    vi.setSystemTime(Date.now() + 59_000);
    expect(await verifyToken('admin-session', token)).not.toBeNull();
    vi.setSystemTime(Date.now() + 2_000);
    expect(await verifyToken('admin-session', token)).toBeNull();
  });

  it('refuses a token with no expiry, or signed with another secret, or of another algorithm', async () => {
    vi.stubEnv('AUTH_SECRET', TEST_AUTH_SECRET);
    expect(await verifyToken('admin-session', await forgeToken({}, { audience: 'admin-session' }))).toBeNull();
    const foreign = await forgeToken({}, { audience: 'admin-session', secret: 'x'.repeat(32), expiresAt: Date.now() + 60_000 });
    expect(await verifyToken('admin-session', foreign)).toBeNull();
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(
      JSON.stringify({ aud: 'admin-session', iss: 'runway-characters-starter', exp: Math.floor(Date.now() / 1000) + 60 }),
    ).toString('base64url')}.`;
    expect(await verifyToken('admin-session', unsigned)).toBeNull();
  });

  it('refuses tokens that are empty, malformed or too long to be ours', async () => {
    vi.stubEnv('AUTH_SECRET', TEST_AUTH_SECRET);
    for (const token of [null, undefined, '', 'garbage', 'a.b.c', `${'x'.repeat(5000)}.y.z`]) {
      expect(await verifyToken('admin-session', token)).toBeNull();
    }
  });

  it('in development, signs with a random key per process when AUTH_SECRET is unset', async () => {
    vi.stubEnv('AUTH_SECRET', '');
    const token = await signToken('admin-session', {}, 60);
    expect(await verifyToken('admin-session', token)).not.toBeNull();
  });

  it('refuses to sign or verify in production without AUTH_SECRET', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    vi.stubEnv('ADMIN_PASSWORD', 'a-production-password');
    vi.stubEnv('AUTH_SECRET', '');
    await expect(signToken('admin-session', {}, 60)).rejects.toThrow(missingAuthSecret);
    await expect(verifyToken('admin-session', 'a.b.c')).rejects.toThrow(missingAuthSecret);
  });
});

describe('keyedDigest', () => {
  it('is stable under one key, differs under another, and is not a plain hash of the value', async () => {
    vi.stubEnv('AUTH_SECRET', TEST_AUTH_SECRET);
    const first = await keyedDigest('hunter2-hunter2');
    expect(await keyedDigest('hunter2-hunter2')).toBe(first);
    expect(await keyedDigest('another-password')).not.toBe(first);
    vi.stubEnv('AUTH_SECRET', 'y'.repeat(32));
    expect(await keyedDigest('hunter2-hunter2')).not.toBe(first);
  });
});
