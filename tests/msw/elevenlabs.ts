import { http } from 'msw';
import { beforeEach, vi } from 'vitest';
import { DEMO_AVATAR_ID, STAND_IN_AGENT_ID } from 'runway-emulator';
import type { RunwayFake } from './runway';
import { server } from './server';

/**
 * ElevenLabs for tests: a key, a base URL and the built-in avatar mapped to the stand-in's agent, with msw
 * handing ElevenLabs requests to the same emulator as Runway's (its ElevenLabs stand-in), as a deployment
 * with both keys would see them. Call after useRunwayFake().
 */

export const ELEVENLABS_TEST_URL = 'https://api.elevenlabs.test';
export const ELEVENLABS_TEST_KEY = 'sk_test_elevenlabs_0123456789';

export interface ElevenLabsFake {
  /** Every signed-URL request, in order: its agent_id and the xi-api-key it carried. */
  requests: Array<{ agentId: string | null; apiKey: string | null }>;
  /** Every session create body Runway received, parsed. */
  creates: Array<Record<string, unknown>>;
}

export function useElevenLabsFake(runway: RunwayFake, agents = `${DEMO_AVATAR_ID}=${STAND_IN_AGENT_ID}`): ElevenLabsFake {
  const fake = {} as ElevenLabsFake;
  beforeEach(() => {
    vi.stubEnv('ELEVENLABS_API_KEY', ELEVENLABS_TEST_KEY);
    vi.stubEnv('ELEVENLABS_BASE_URL', ELEVENLABS_TEST_URL);
    vi.stubEnv('ELEVENLABS_AGENTS', agents);
    fake.requests = [];
    fake.creates = [];
    server.use(
      http.all(`${ELEVENLABS_TEST_URL}/*`, ({ request }) => {
        const url = new URL(request.url);
        fake.requests.push({ agentId: url.searchParams.get('agent_id'), apiKey: request.headers.get('xi-api-key') });
        return runway.emulator.handle(request);
      }),
      http.post(`*/v1/realtime_sessions`, async ({ request }) => {
        fake.creates.push((await request.clone().json()) as Record<string, unknown>);
        runway.requests.push('POST /v1/realtime_sessions');
        return runway.emulator.handle(request);
      }),
    );
  });
  return fake;
}
