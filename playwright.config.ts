import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { CANARY, SERVER_LOGS } from './tests/e2e/canaries';
import { DEMO_AVATAR_ID, EMBED_HOST_ORIGIN, PORTS, SHORT_MAX_DURATION_SECONDS } from './tests/e2e/ports';

/**
 * Copies of the same production build (`next build` runs first, in npm run test:e2e), each beside an emulator
 * process (emulator/, as `npm start` runs them):
 * - emulator: no key, the Runway emulator at RUNWAYML_BASE_URL, as a fresh clone runs;
 * - live: a key and RUNWAYML_BASE_URL pointing at an emulator (the "runway fake"), so the live code path,
 *   real SDK over real HTTP with a key, runs too;
 * - redis: two live instances sharing one redis-server on loopback, for limits that must hold across instances;
 * - short: the emulator app again with a 12 s maxDuration, so the room's own end of a call fits in a test;
 * - bot-check: the emulator app with the optional bot check on (Cloudflare's script is stubbed in the page).
 * Every emulator's media room signals on its own port. Tests reach an emulator's control API through
 * EmulatorState (tests/e2e/pages/call-page.ts).
 */

const {
  emulatorApp: EMULATOR_APP,
  emulatorApi: EMULATOR_API,
  shortEmulatorApi: SHORT_EMULATOR_API,
  botCheckEmulatorApi: BOT_CHECK_EMULATOR_API,
  liveApp: LIVE_APP,
  runwayFake: RUNWAY_FAKE,
  sharedA: SHARED_A,
  sharedB: SHARED_B,
  redis: REDIS_PORT,
  shortApp: SHORT_APP,
  emulatorRoom: EMULATOR_ROOM,
  runwayFakeRoom: RUNWAY_FAKE_ROOM,
  shortRoom: SHORT_ROOM,
  botCheckApp: BOT_CHECK_APP,
  botCheckRoom: BOT_CHECK_ROOM,
} = PORTS;
// Chromium's fake microphone plays this file in a loop: a spoken line, then silence, so the agent hears turns.
const VISITOR_SPEECH = resolve('emulator/tests/fixtures/visitor-speech.wav');
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
/** What every emulator process runs with: calls that turn READY in about a second. */
const emulatorTimings = {
  EMULATOR_QUEUED_MS: '400',
  EMULATOR_READY_MS: '900-1300',
  EMULATOR_PROCESSING_MS: '1500',
  // A visitor who leaves without END_CALL ends the call this long after (10 s by default).
  EMULATOR_DEPARTURE_TIMEOUT_MS: '3000',
};
const common = {
  NEXT_TELEMETRY_DISABLED: '1',
  ADMIN_PASSWORD: CANARY.adminPassword,
  // A production server will not start without it; every instance shares it, so a cookie or ticket one signs the others accept.
  AUTH_SECRET: CANARY.authSecret,
  // Production publishes no custom avatar by default; the tests call the demo one.
  PUBLIC_AVATAR_IDS: '*',
  // The tests play the reverse proxy in front: each names its client in X-Forwarded-For (the fuzz cases and
  // the burst have their own addresses), as a proxy would append the address it saw.
  TRUSTED_PROXY_HOPS: '1',
  // Tests start many sessions from one address; the limits themselves are tested in tests/unit.
  RATE_LIMIT_SESSIONS_PER_MINUTE: '1000',
  // Each call reserves its full maxDuration from the daily budget: the suite makes far more than 12 calls.
  DAILY_SESSION_MINUTES: '100000',
  // Every app has the ElevenLabs key; emulator mode replaces it with the stand-in's placeholder, as npm run dev does.
  ELEVENLABS_API_KEY: CANARY.elevenLabsKey,
};
const origin = (port: number) => `http://127.0.0.1:${port}`;
/** An emulator process on its own API and room ports (what `npm run emulator` runs). */
const emulatorServer = (name: string, api: number, room: number) => ({
  command: logged(name, 'node node_modules/tsx/dist/cli.mjs emulator/src/cli.ts'),
  url: `${origin(api)}/control/state`,
  env: { ...emulatorTimings, EMULATOR_PORT: String(api), EMULATOR_ROOM_PORT: String(room), EMULATOR_PUBLIC_HOST: '127.0.0.1' },
});
/** An app in emulator mode: no key, and what the launcher (scripts/launch.ts) tells it about its emulator. */
const emulatorMode = (api: number, room: number) => ({
  RUNWAYML_API_SECRET: '',
  RUNWAYML_BASE_URL: origin(api),
  RUNWAY_PUBLIC_ORIGINS: `${origin(api)} ws://127.0.0.1:${room} ${origin(room)}`,
  ELEVENLABS_API_KEY: 'sk_emulator_placeholder',
  ELEVENLABS_BASE_URL: origin(api),
  ELEVENLABS_AGENTS: `${DEMO_AVATAR_ID}=agent_emulator_standin`,
});
const logged = (name: string, command: string) => `mkdir -p ${SERVER_LOGS} && ${command} > ${SERVER_LOGS}/${name}.log 2>&1`;
const nextStart = (port: number) => `node node_modules/next/dist/bin/next start -p ${port} -H 127.0.0.1`;

export default defineConfig({
  testDir: 'tests/e2e',
  // Tests share one emulator and its fault queue, so they run one at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
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
        `--use-file-for-fake-audio-capture=${VISITOR_SPEECH}`,
        // getDisplayMedia in headless Chromium: pick the screen without a picker, so screen share can publish.
        '--auto-select-desktop-capture-source=Entire screen',
      ],
    },
  },
  projects: [
    {
      name: 'emulator',
      testIgnore: ['live/**', 'redis/**', 'short/**', 'outsider/**', 'bot-check/**'],
      use: { baseURL: `http://127.0.0.1:${EMULATOR_APP}` },
    },
    { name: 'short', testMatch: 'short/**/*.spec.ts', use: { baseURL: `http://127.0.0.1:${SHORT_APP}` } },
    // The attack suite, on the app that publishes only the demo avatar (so others are unpublished, as in production).
    { name: 'outsider', testMatch: 'outsider/**/*.spec.ts', use: { baseURL: `http://127.0.0.1:${SHORT_APP}` } },
    { name: 'live', testMatch: 'live/**/*.spec.ts', use: { baseURL: `http://127.0.0.1:${LIVE_APP}` } },
    { name: 'redis', testMatch: 'redis/**/*.spec.ts', use: { baseURL: `http://127.0.0.1:${SHARED_A}` } },
    { name: 'bot-check', testMatch: 'bot-check/**/*.spec.ts', use: { baseURL: `http://127.0.0.1:${BOT_CHECK_APP}` } },
  ],
  webServer: [
    emulatorServer('emulator', EMULATOR_API, EMULATOR_ROOM),
    {
      command: logged('emulator-app', nextStart(EMULATOR_APP)),
      url: `${origin(EMULATOR_APP)}/api/health`,
      // tests/e2e/embed.spec.ts serves a host page on this origin (another site) and embeds the call.
      env: { ...common, ...emulatorMode(EMULATOR_API, EMULATOR_ROOM), EMBED_ALLOWED_ORIGINS: EMBED_HOST_ORIGIN },
    },
    emulatorServer('short-emulator', SHORT_EMULATOR_API, SHORT_ROOM),
    {
      command: logged('short-app', nextStart(SHORT_APP)),
      url: `${origin(SHORT_APP)}/api/health`,
      env: {
        ...common,
        ...emulatorMode(SHORT_EMULATOR_API, SHORT_ROOM),
        SESSION_MAX_DURATION_SECONDS: String(SHORT_MAX_DURATION_SECONDS),
        PUBLIC_AVATAR_IDS: DEMO_AVATAR_ID,
      },
    },
    emulatorServer('bot-check-emulator', BOT_CHECK_EMULATOR_API, BOT_CHECK_ROOM),
    {
      command: logged('bot-check-app', nextStart(BOT_CHECK_APP)),
      url: `${origin(BOT_CHECK_APP)}/api/health`,
      env: {
        ...common,
        ...emulatorMode(BOT_CHECK_EMULATOR_API, BOT_CHECK_ROOM),
        // Cloudflare's published always-pass test site key; a secret siteverify refuses, so no token ever passes here.
        TURNSTILE_SITE_KEY: '1x00000000000000000000AA',
        TURNSTILE_SECRET_KEY: CANARY.turnstileSecret,
      },
    },
    emulatorServer('runway-fake', RUNWAY_FAKE, RUNWAY_FAKE_ROOM),
    {
      command: logged('live-app', nextStart(LIVE_APP)),
      url: `http://127.0.0.1:${LIVE_APP}/api/health`,
      env: {
        ...common,
        RUNWAYML_API_SECRET: CANARY.apiKey,
        RUNWAYML_BASE_URL: origin(RUNWAY_FAKE),
        // The fake serves the ElevenLabs stand-in too: Ada talks through its agent, as in emulator mode.
        ELEVENLABS_BASE_URL: origin(RUNWAY_FAKE),
        ELEVENLABS_AGENTS: `${DEMO_AVATAR_ID}=agent_emulator_standin`,
        // Live mode allows only Runway's hosts; the fake's room and media are on loopback, so the test allows them.
        RUNWAY_PUBLIC_ORIGINS: `${origin(RUNWAY_FAKE)} ws://127.0.0.1:${RUNWAY_FAKE_ROOM} ${origin(RUNWAY_FAKE_ROOM)}`,
      },
    },
    {
      command: `redis-server --port ${REDIS_PORT} --bind 127.0.0.1 --save "" --appendonly no`,
      port: REDIS_PORT,
    },
    ...[SHARED_A, SHARED_B].map((port) => ({
      command: logged(`shared-${port}`, nextStart(port)),
      url: `http://127.0.0.1:${port}/api/health`,
      env: {
        ...common,
        RUNWAYML_API_SECRET: CANARY.apiKey,
        RUNWAYML_BASE_URL: origin(RUNWAY_FAKE),
        REDIS_URL: `redis://127.0.0.1:${REDIS_PORT}`,
        MAX_CONCURRENT_SESSIONS: '2',
        // Abandoned sessions are reclaimed within seconds, so a test can watch it happen.
        SESSION_CONSUME_WINDOW_SECONDS: '5',
      },
    })),
  ].map((server) => ({ reuseExistingServer: false, timeout: 60_000, ...server })),
});
