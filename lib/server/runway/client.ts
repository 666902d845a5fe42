import 'server-only';
import RunwayML from '@runwayml/sdk';
import { headers } from 'next/headers';
import { AppError } from '@/lib/errors';
import { getEnv } from '@/lib/server/env';
import { processState } from '@/lib/server/process-state';
import type { CallRoomConfig } from '@/lib/call/types';
import { runwayMode } from './mode';
import { createEmulatorFromEnv, DEMO_AVATAR_ID, STAND_IN_AGENT_ID, STAND_IN_API_KEY, type RunwayEmulator } from './emulator';

export { runwayMode } from './mode';

// One emulator per process: every route bundle and every `next dev` hot reload sees the same sessions and
// avatars. The SDK client stays per module: each bundle has its own copy of the SDK, and error classes
// (instanceof checks) must come from the copy that threw them.
let cached: { signature: string; client: RunwayML } | undefined;

/** The host the browser used for this request, so the emulated room's URL follows it (localhost, a LAN IP). */
async function browserHost(): Promise<string> {
  try {
    const host = (await headers()).get('host');
    if (host) return new URL(`http://${host}`).hostname;
  } catch {
    // Outside a request (a script, a test): the room is on this machine.
  }
  return 'localhost';
}

function emulator(): RunwayEmulator {
  return processState('emulator', () =>
    // The app serves the emulator's signed media links itself (app/api/emulator/media).
    createEmulatorFromEnv(getEnv(), { mediaBaseUrl: '/api/emulator/media', publicHost: browserHost }),
  );
}

/**
 * The room calls join. Runway hosts it with a key; without one, the emulator's room runs inside this server,
 * which a serverless host cannot keep alive between requests.
 */
export function callRoomConfig(): CallRoomConfig {
  if (runwayMode() === 'live') return { available: true, toolRequests: false };
  return { available: !getEnv().SERVERLESS, toolRequests: true };
}

/**
 * Emulator mode's media room, started with the server (instrumentation) so the first call needs no warm-up.
 * A key means Runway hosts the room: nothing to start.
 */
export async function startEmulatorRoom() {
  if (runwayMode() === 'live') return undefined;
  return emulator().startRoom();
}

/**
 * The SDK client, built lazily because the SDK throws at construction without a key. Retries stay at the
 * SDK default here; calls that must not be repeated (session create, consume) pass `maxRetries: 0`, and
 * slow or billable ones take their options from call-options.ts.
 */
export function getRunway(): RunwayML {
  const env = getEnv();
  const mode = runwayMode();
  const signature = `${mode}\n${env.RUNWAYML_API_SECRET ?? ''}\n${env.RUNWAYML_BASE_URL ?? ''}`;
  if (cached?.signature === signature) return cached.client;
  const client =
    mode === 'live'
      ? new RunwayML({ apiKey: env.RUNWAYML_API_SECRET, baseURL: env.RUNWAYML_BASE_URL ?? null, timeout: 10_000 })
      : new RunwayML({ apiKey: 'key_emulator', baseURL: 'https://api.emulator.invalid', fetch: emulator().fetch });
  cached = { signature, client };
  return client;
}

/**
 * Where ElevenLabs calls go (lib/server/integrations/elevenlabs/), decided with the mode, as for Runway: with
 * a key, ElevenLabs itself (or ELEVENLABS_BASE_URL); without, the emulator's stand-in, reached through its
 * fetch with a placeholder key, and the built-in avatar mapped to the stand-in's agent unless
 * ELEVENLABS_AGENTS says otherwise. A real ElevenLabs key never goes to the emulator.
 */
export function elevenLabsConnection(): { apiKey?: string; baseUrl?: string; agents: Record<string, string>; fetch?: typeof fetch } {
  const env = getEnv();
  if (runwayMode() === 'live')
    return { apiKey: env.ELEVENLABS_API_KEY, baseUrl: env.ELEVENLABS_BASE_URL, agents: env.ELEVENLABS_AGENTS ?? {} };
  return {
    apiKey: STAND_IN_API_KEY,
    baseUrl: 'https://elevenlabs.emulator.invalid',
    agents: env.ELEVENLABS_AGENTS ?? { [DEMO_AVATAR_ID]: STAND_IN_AGENT_ID },
    // Wrapped: reading the map alone must not create the emulator.
    fetch: (input, init) => emulator().fetch(input, init),
  };
}

/** Test and demo controls of the emulator (fault injection, state); they do not exist against the real API. */
export function getEmulatorControls() {
  if (runwayMode() === 'live') throw new AppError('not_found', 'Not found.');
  return emulator().control;
}
