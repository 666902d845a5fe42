import { http } from 'msw';
import { createEmulator } from 'runway-emulator';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { startCall } from '@/lib/server/sessions/lifecycle';
import { server } from '@/tests/msw/server';
import { useFreshLimits } from '@/tests/unit/security';

/**
 * SESSION_POLL_SCHEDULE picks how the routes (which pass no schedule of their own) check a pending session:
 * the learned model, or the fixed loop that bench:load compares it against. Runway here is the emulator
 * behind msw, READY 300 ms after create, and every status check is timed.
 */

const BASE_URL = 'https://api.runway.test';
const READY_MS = 300;
const caller = { client: 'poll-schedule-test', admin: false };

let checks: number[];
let createdAt: number;

beforeEach(() => {
  vi.stubEnv('RUNWAYML_API_SECRET', 'key_test_0123456789');
  vi.stubEnv('RUNWAYML_BASE_URL', BASE_URL);
  const emulator = createEmulator({ queuedMs: 0, readyMs: { min: READY_MS, max: READY_MS }, readyExpiryMs: 60_000 });
  checks = [];
  server.use(
    http.all(`${BASE_URL}/*`, ({ request }) => {
      const { pathname } = new URL(request.url);
      if (request.method === 'POST' && pathname === '/v1/realtime_sessions') createdAt = Date.now();
      if (request.method === 'GET' && /^\/v1\/realtime_sessions\/[^/]+$/.test(pathname)) checks.push(Date.now() - createdAt);
      return emulator.handle(request);
    }),
  );
});

describe('SESSION_POLL_SCHEDULE', () => {
  useFreshLimits();

  it('fixed-1s checks at once, then 1 s after each answer', async () => {
    vi.stubEnv('SESSION_POLL_SCHEDULE', 'fixed-1s');
    await startCall('cat-character', caller);

    // Pending at the first check, READY at the second, a second later: the loop learns nothing.
    expect(checks).toHaveLength(2);
    expect(checks[0]).toBeLessThan(READY_MS);
    expect(checks[1]! - checks[0]!).toBeGreaterThanOrEqual(1000);
  });

  it('learned (the default) waits for the model’s first check instead of asking at once', async () => {
    await startCall('cat-character', caller);

    // The model's prior expects READY after 1–3 s: its first check comes after READY and finds it.
    expect(checks).toHaveLength(1);
    expect(checks[0]).toBeGreaterThanOrEqual(READY_MS);
  });
});
