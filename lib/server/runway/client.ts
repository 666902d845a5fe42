import 'server-only';
import RunwayML from '@runwayml/sdk';
import { AppError } from '@/lib/errors';
import { getEnv } from '@/lib/server/env';
import { runwayMode } from './mode';

export { runwayMode } from './mode';

/**
 * The emulator checks that a key is present and shaped like Runway's, not which one: the SDK needs one to
 * build its client, and the real key never goes to the emulator.
 */
const EMULATOR_API_KEY = 'key_emulator_placeholder';

// The SDK client stays per module: each bundle has its own copy of the SDK, and error classes (instanceof
// checks) must come from the copy that threw them.
let cached: { signature: string; client: RunwayML } | undefined;

/**
 * The SDK client, one code path for both modes: HTTP to Runway with the key, or to the emulator at
 * RUNWAYML_BASE_URL with a placeholder. Built lazily because the SDK throws at construction without a key.
 * Retries stay at the SDK default here; calls that must not be repeated (session create, consume) pass
 * `maxRetries: 0`, and slow or billable ones take their options from call-options.ts.
 */
export function getRunway(): RunwayML {
  const env = getEnv();
  const mode = runwayMode();
  if (mode === 'setup') throw new AppError('not_configured', 'Set RUNWAYML_API_SECRET to talk to Runway.');
  const apiKey = mode === 'live' ? env.RUNWAYML_API_SECRET : EMULATOR_API_KEY;
  const signature = `${apiKey}\n${env.RUNWAYML_BASE_URL ?? ''}`;
  if (cached?.signature === signature) return cached.client;
  const client = new RunwayML({ apiKey, baseURL: env.RUNWAYML_BASE_URL ?? null, timeout: 10_000 });
  cached = { signature, client };
  return client;
}
