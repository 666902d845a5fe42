import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { startSession } from '@/lib/server/sessions/lifecycle';
import { sessionTools } from '@/lib/server/sessions/tools';
import { RUNWAY_TEST_URL, useRunwayFake } from '@/tests/msw/runway';
import { server } from '@/tests/msw/server';
import { useFreshLimits } from '@/tests/unit/security';

describe('tools at session create', () => {
  const fake = useRunwayFake();
  useFreshLimits();

  it('sends the opted-in avatar’s tools with explicit parameters, and Runway’s schema accepts them', async () => {
    const bodies: Array<{ tools?: Array<{ name: string; parameters?: Array<{ name: string; required?: boolean; enum?: string[] }> }> }> =
      [];
    server.use(
      http.post(`${RUNWAY_TEST_URL}/v1/realtime_sessions`, async ({ request }) => {
        bodies.push((await request.clone().json()) as (typeof bodies)[number]);
        return fake.emulator.handle(request);
      }),
    );
    const { sessionId } = await startSession('cat-character', { client: 'tools-test', admin: false });

    const tools = bodies[0]!.tools!;
    expect(tools.map((tool) => tool.name)).toEqual([
      'show_card',
      'highlight_section',
      'click',
      'scroll_to',
      'highlight',
      'lookup_order',
      'check_availability',
    ]);
    // Backend tools are answered by this server over RPC, within their timeout.
    expect(tools.find((tool) => tool.name === 'lookup_order')).toMatchObject({
      type: 'backend_rpc',
      timeoutSeconds: 4,
      parameters: [expect.objectContaining({ name: 'orderId', type: 'string' })],
    });
    const card = tools.find((tool) => tool.name === 'show_card')!;
    // Optional arguments must say so: Runway treats parameters as required by default.
    expect(card.parameters).toContainEqual(expect.objectContaining({ name: 'url', required: false }));
    expect(tools.find((tool) => tool.name === 'highlight_section')!.parameters![0]!.enum).toEqual(['controls', 'transcript', 'call-guide']);
    expect(tools.find((tool) => tool.name === 'highlight')!.parameters).toContainEqual(
      expect.objectContaining({ name: 'duration', required: false }),
    );
    expect(fake.emulator.control.sessions().find((session) => session.id === sessionId)?.tools).toHaveLength(7);
  });

  it('sends no tools for avatars that did not opt in', async () => {
    expect(sessionTools('tennis-coach')).toBeUndefined();
    const { sessionId } = await startSession('tennis-coach', { client: 'tools-test-2', admin: false });
    expect(fake.emulator.control.sessions().find((session) => session.id === sessionId)?.tools).toEqual([]);
  });
});
