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
};

export const origin = (port: number) => `http://127.0.0.1:${port}`;
