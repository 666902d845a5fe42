import 'server-only';
import { getEnv } from '@/lib/server/env';
import type { RunwayMode } from '@/lib/app-config';

/**
 * The one place that decides which Runway the server talks to, from configuration alone:
 * - a key: Runway (at RUNWAYML_BASE_URL when set, a proxy or a test double);
 * - no key and RUNWAYML_BASE_URL: the emulator there (`npm run dev` and `npm start` start it and set it);
 * - neither: nothing to talk to, so the app shows its setup page (a serverless deployment with no key).
 */
export function runwayMode(): RunwayMode {
  const env = getEnv();
  if (env.RUNWAYML_API_SECRET) return 'live';
  return env.RUNWAYML_BASE_URL ? 'emulator' : 'setup';
}
