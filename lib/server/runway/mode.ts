import 'server-only';
import { getEnv } from '@/lib/server/env';
import type { RunwayMode } from '@/lib/app-config';

/** The one place that decides: a key means the real Runway API, no key means the built-in emulator. */
export function runwayMode(): RunwayMode {
  return getEnv().RUNWAYML_API_SECRET ? 'live' : 'emulator';
}

/**
 * What the page's CSP must let the browser connect to for a call's room beyond Runway's LiveKit hosts: in
 * emulator mode, the emulated room's port on whatever host the browser reached the app at.
 */
export function roomConnectSources(): string[] {
  if (runwayMode() === 'live') return [];
  const port = getEnv().EMULATOR_ROOM_PORT;
  return [`ws://*:${port}`, `http://*:${port}`];
}
