import { describe, expect, it, vi } from 'vitest';
import { GET } from '@/app/api/health/route';
import { jsonRequest, routeContext } from '../../request';

// The mode comes from configuration alone (lib/server/runway/mode.ts): health reports it without asking Runway.
async function modeWith(key: string, baseUrl: string) {
  vi.stubEnv('RUNWAYML_API_SECRET', key);
  vi.stubEnv('RUNWAYML_BASE_URL', baseUrl);
  const response = await GET(jsonRequest('/api/health'), routeContext({}));
  expect(response.status).toBe(200);
  return ((await response.json()) as { mode: string }).mode;
}

describe('GET /api/health', () => {
  it('reports emulator mode with no key and an emulator’s URL (what npm run dev sets)', async () => {
    expect(await modeWith('', 'http://127.0.0.1:4010')).toBe('emulator');
  });

  it('reports live mode when a key is set, with or without a base URL', async () => {
    expect(await modeWith('key_live_0123456789', '')).toBe('live');
    expect(await modeWith('key_live_0123456789', 'http://127.0.0.1:4010')).toBe('live');
  });

  it('reports setup mode with neither: a deployment with nothing to talk to', async () => {
    expect(await modeWith('', '')).toBe('setup');
  });
});
