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

/**
 * What the page's CSP must let the browser reach beyond Runway's own hosts: the origins in
 * RUNWAY_PUBLIC_ORIGINS (the emulator's API, media and room, as the launcher sets them; a self-hosted
 * LiveKit), for connect-src, img-src and media-src alike.
 */
export function runwayPublicOrigins(): string[] {
  return getEnv().RUNWAY_PUBLIC_ORIGINS;
}
