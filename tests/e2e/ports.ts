/**
 * The loopback ports the end-to-end servers use. E2E_PORT_OFFSET shifts them all, so two checkouts can run
 * their suites side by side on one machine.
 */
const offset = Number(process.env.E2E_PORT_OFFSET ?? 0);

export const PORTS = {
  emulatorApp: 3210 + offset,
  liveApp: 3211 + offset,
  runwayFake: 4010 + offset,
  // Two instances sharing one Redis, to prove the limits hold across instances.
  sharedA: 3212 + offset,
  sharedB: 3213 + offset,
  redis: 6390 + offset,
  // The same build with a short maxDuration, so the room's own end of the call is seen within a test.
  shortApp: 3214 + offset,
  // The same build with the optional bot check on (TURNSTILE_* keys).
  botCheckApp: 3215 + offset,
  // A server that must refuse to start (no AUTH_SECRET): it never serves, but needs a port to try.
  refusedStart: 3216 + offset,
  // `npm start` as a clone runs it (scripts/launch.ts): the app and, with no key, its emulator beside it.
  launcherApp: 3217 + offset,
  launcherEmulatorApi: 4015 + offset,
  launcherRoom: 7884 + offset,
  // A deployment with no key and no emulator (as on a serverless host): the setup page.
  setupApp: 3218 + offset,
  // Each app in emulator mode has its own emulator process (its API port, then its room's signalling port),
  // as `npm run dev` gives each checkout; the live apps share the runway fake, an emulator too.
  emulatorApi: 4012 + offset,
  shortEmulatorApi: 4013 + offset,
  botCheckEmulatorApi: 4014 + offset,
  emulatorRoom: 7880 + offset,
  runwayFakeRoom: 7881 + offset,
  shortRoom: 7882 + offset,
  botCheckRoom: 7883 + offset,
  // Host pages for the embed tests, served by the test itself on http://localhost (another site than the
  // app's 127.0.0.1): one in the emulator app's EMBED_ALLOWED_ORIGINS, one not.
  embedHost: 4110 + offset,
  embedHostUnlisted: 4111 + offset,
};

/**
 * The emulator's built-in custom avatar, Ada: the only one the short and outsider projects' app publishes,
 * and in these tests she talks through the ElevenLabs stand-in's agent.
 */
export const DEMO_AVATAR_ID = '6f1c2a4e-8b3d-4c5f-9a7e-2d4b6c8e0f13';

/** The short project's SESSION_MAX_DURATION_SECONDS (10 is the least the app accepts). */
export const SHORT_MAX_DURATION_SECONDS = 12;

export const origin = (port: number) => `http://127.0.0.1:${port}`;

/** The listed embed host's origin: the emulator app's EMBED_ALLOWED_ORIGINS (playwright.config.ts). */
export const EMBED_HOST_ORIGIN = `http://localhost:${PORTS.embedHost}`;

/** The emulator behind each app (by the app's port): where the tests reach its control API. */
export const EMULATOR_OF_APP: Record<number, number> = {
  [PORTS.emulatorApp]: PORTS.emulatorApi,
  [PORTS.shortApp]: PORTS.shortEmulatorApi,
  [PORTS.botCheckApp]: PORTS.botCheckEmulatorApi,
  [PORTS.liveApp]: PORTS.runwayFake,
  [PORTS.sharedA]: PORTS.runwayFake,
  [PORTS.sharedB]: PORTS.runwayFake,
};
