import 'server-only';
import RunwayML from '@runwayml/sdk';
import { AppError } from '@/lib/errors';
import { getEnv } from '@/lib/server/env';
import { processState } from '@/lib/server/process-state';
import type { RunwayMode } from '@/lib/types';
import { createEmulatorFromEnv, type RunwayEmulator } from './emulator';


/** The one place that decides: a key means the real Runway API, no key means the built-in emulator. */
export function runwayMode(): RunwayMode {
  return getEnv().RUNWAYML_API_SECRET ? 'live' : 'emulator';
}

// One emulator per process: every route bundle and every `next dev` hot reload sees the same sessions and
// avatars. The SDK client stays per module: each bundle has its own copy of the SDK, and error classes
// (instanceof checks) must come from the copy that threw them.
let cached: { signature: string; client: RunwayML } | undefined;

function emulator(): RunwayEmulator {
  // The app serves the emulator's signed media links itself (app/api/emulator/media).
  return processState('emulator', () => createEmulatorFromEnv(getEnv(), { mediaBaseUrl: '/api/emulator/media' }));
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

/** Test and demo controls of the emulator (fault injection, state); they do not exist against the real API. */
export function getEmulatorControls() {
  if (runwayMode() === 'live') throw new AppError('not_found', 'Not found.');
  return emulator().control;
}
