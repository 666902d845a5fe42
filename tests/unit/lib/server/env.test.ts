import { afterEach, describe, expect, it, vi } from 'vitest';

/** env.ts decides at import whether it may keep what it parsed, so each case imports it afresh. */
async function freshGetEnv(nodeEnv: string) {
  vi.resetModules();
  vi.stubEnv('NODE_ENV', nodeEnv);
  vi.stubEnv('ADMIN_PASSWORD', 'a-long-enough-password');
  vi.stubEnv('SESSION_MAX_DURATION_SECONDS', '120');
  return (await import('@/lib/server/env')).getEnv;
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe('getEnv', () => {
  it('parses once in production: the same frozen object every call, however often routes ask', async () => {
    const getEnv = await freshGetEnv('production');
    const first = getEnv();
    expect(first.SESSION_MAX_DURATION_SECONDS).toBe(120);
    vi.stubEnv('SESSION_MAX_DURATION_SECONDS', '60');
    expect(getEnv()).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('parses on every call in development, where next dev reloads .env files into the running server', async () => {
    const getEnv = await freshGetEnv('development');
    expect(getEnv().SESSION_MAX_DURATION_SECONDS).toBe(120);
    vi.stubEnv('SESSION_MAX_DURATION_SECONDS', '60');
    expect(getEnv().SESSION_MAX_DURATION_SECONDS).toBe(60);
  });
});
