import { http } from 'msw';
import { beforeEach, vi } from 'vitest';
import { createEmulator, type CreateEmulatorOptions, type RunwayEmulator } from 'runway-emulator';
import { server } from './server';

/**
 * Runs the app in live mode (a key and a base URL, as a real deployment has) against msw, and msw hands
 * every request to the same emulator that powers demo mode. So tests exercise the real SDK, real fetch and
 * real HTTP error paths, and tests and demo share one Runway fake.
 */

export const RUNWAY_TEST_URL = 'https://api.runway.test';

export interface RunwayFake {
  emulator: RunwayEmulator;
  /** Every request Runway received, in order, as "METHOD /path". */
  requests: string[];
}

/** The fields the emulator's control list shows of a session, sorted; never its session key. */
export const LISTED_SESSION_FIELDS = ['createdAt', 'id', 'readyAt', 'readySeenAt', 'status', 'statusCalls', 'tools', 'transcript'];

export const FAST_TIMINGS: CreateEmulatorOptions = {
  queuedMs: 20,
  readyMs: { min: 80, max: 120 },
  readyExpiryMs: 60_000,
};

export function useRunwayFake(options: Partial<CreateEmulatorOptions> = {}): RunwayFake {
  const fake = {} as RunwayFake;
  beforeEach(() => {
    vi.stubEnv('RUNWAYML_API_SECRET', 'key_test_0123456789');
    vi.stubEnv('RUNWAYML_BASE_URL', RUNWAY_TEST_URL);
    fake.emulator = createEmulator({ ...FAST_TIMINGS, ...options });
    fake.requests = [];
    server.use(
      http.all(`${RUNWAY_TEST_URL}/*`, ({ request }) => {
        fake.requests.push(`${request.method} ${new URL(request.url).pathname}`);
        return fake.emulator.handle(request);
      }),
    );
  });
  return fake;
}
