import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

/**
 * Two copies of the same production build (`next build` runs first, in npm run test:e2e):
 * - emulator: no key, the built-in Runway emulator, as a fresh clone runs;
 * - live: a key and RUNWAYML_BASE_URL pointing at the emulator served over HTTP (scripts/emulator-server.ts),
 *   so the live code path, real SDK over real HTTP, runs too.
 */

const EMULATOR_APP = 3210;
const LIVE_APP = 3211;
const RUNWAY_FAKE = 4010;
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const quickProvisioning = { EMULATOR_QUEUED_MS: '400', EMULATOR_READY_MS: '900-1300', NEXT_TELEMETRY_DISABLED: '1' };
const nextStart = (port: number) => `node node_modules/next/dist/bin/next start -p ${port} -H 127.0.0.1`;

export default defineConfig({
  testDir: 'tests/e2e',
  // Tests share one emulator and its fault queue, so they run one at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 45_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    ...devices['Desktop Chrome'],
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
      ],
    },
  },
  projects: [
    { name: 'emulator', testIgnore: 'live/**', use: { baseURL: `http://127.0.0.1:${EMULATOR_APP}` } },
    { name: 'live', testMatch: 'live/**/*.spec.ts', use: { baseURL: `http://127.0.0.1:${LIVE_APP}` } },
  ],
  webServer: [
    {
      command: nextStart(EMULATOR_APP),
      url: `http://127.0.0.1:${EMULATOR_APP}/api/health`,
      env: { ...quickProvisioning, RUNWAYML_API_SECRET: '' },
    },
    {
      command: 'node node_modules/tsx/dist/cli.mjs --conditions=react-server scripts/emulator-server.ts',
      url: `http://127.0.0.1:${RUNWAY_FAKE}/v1/avatars`,
      ignoreHTTPSErrors: true,
      env: { ...quickProvisioning, EMULATOR_PORT: String(RUNWAY_FAKE) },
    },
    {
      command: nextStart(LIVE_APP),
      url: `http://127.0.0.1:${LIVE_APP}/api/health`,
      env: { ...quickProvisioning, RUNWAYML_API_SECRET: 'key_e2e_live_mode', RUNWAYML_BASE_URL: `http://127.0.0.1:${RUNWAY_FAKE}` },
    },
  ].map((server) => ({ reuseExistingServer: false, timeout: 60_000, ...server })),
});
