import { describe, expect, it, vi } from 'vitest';
import { GET } from '@/app/api/health/route';
import { jsonRequest, routeContext } from '../../request';

describe('GET /api/health', () => {
  it('reports emulator mode when no key is set', async () => {
    vi.stubEnv('RUNWAYML_API_SECRET', '');
    const response = await GET(jsonRequest('/api/health'), routeContext({}));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', mode: 'emulator' });
  });

  it('reports live mode when a key is set', async () => {
    vi.stubEnv('RUNWAYML_API_SECRET', 'key_live_0123456789');
    const response = await GET(jsonRequest('/api/health'), routeContext({}));
    expect(await response.json()).toMatchObject({ mode: 'live' });
  });
});
