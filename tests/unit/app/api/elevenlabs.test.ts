import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { POST as oneShotRoute } from '@/app/api/avatar/session/route';
import { POST as createRoute } from '@/app/api/sessions/route';
import { appConfig } from '@/lib/app-config';
import type { Fault } from 'runway-emulator/config';
import { CANT_TALK } from '@/lib/server/integrations/elevenlabs/agents';
import { DEMO_AVATAR_ID, STAND_IN_AGENT_ID } from 'runway-emulator';
import { createSessionBody } from '@/emulator/src/wire-schemas';
import { startCall } from '@/lib/server/sessions/lifecycle';
import { ELEVENLABS_TEST_KEY, ELEVENLABS_TEST_URL, useElevenLabsFake } from '@/tests/msw/elevenlabs';
import { useRunwayFake } from '@/tests/msw/runway';
import { server } from '@/tests/msw/server';
import { jsonRequest, routeContext } from '@/tests/unit/request';
import { GENEROUS_LIMITS, useFreshLimits } from '@/tests/unit/security';
import { trainSharedReadinessModel } from '@/tests/unit/readiness';

/**
 * An avatar whose conversation is an ElevenLabs agent: a fresh signed URL per session, asked for right
 * before create in both start flows, passed as the create's only conversation setting; any failure to get
 * one creates no session and tells the visitor plainly. ElevenLabs is the emulator's stand-in, over msw.
 */

const RUNWAY_KEY = 'key_test_0123456789';
const SIGNED_URL = /^wss:\/\/api\.elevenlabs\.test\/v1\/convai\/conversation\?agent_id=agent_emulator_standin&conversation_signature=\S+$/;

const create = (avatarId = DEMO_AVATAR_ID) => createRoute(jsonRequest('/api/sessions', { body: { avatarId } }), routeContext({}));
const oneShot = (avatarId = DEMO_AVATAR_ID) => oneShotRoute(jsonRequest('/api/avatar/session', { body: { avatarId } }), routeContext({}));

/** Everything the server wrote to the console during a test, one string per call. */
function consoleLines(spies: MockInstance[]) {
  return spies.flatMap((spy) =>
    spy.mock.calls.map((args) => args.map((arg) => (arg instanceof Error ? arg.stack : String(arg))).join(' ')),
  );
}

trainSharedReadinessModel();

describe('an avatar with an ElevenLabs agent', () => {
  const runway = useRunwayFake();
  const elevenLabs = useElevenLabsFake(runway);
  useFreshLimits();
  let spies: MockInstance[];
  beforeEach(() => {
    spies = (['error', 'warn', 'info', 'log', 'debug'] as const).map((level) => vi.spyOn(console, level).mockImplementation(() => {}));
  });

  it('progress-aware flow: one signed URL asked for with the key, then a create with the integration and nothing of Runway’s model', async () => {
    const response = await create();
    expect(response.status).toBe(201);
    expect(elevenLabs.requests).toEqual([{ agentId: STAND_IN_AGENT_ID, apiKey: ELEVENLABS_TEST_KEY }]);
    const [body] = elevenLabs.creates;
    // Exactly these keys: no tools, personality or startScript; the body passes Runway's strict create schema.
    expect(body).toEqual({
      model: 'gwm1_avatars',
      avatar: { type: 'custom', avatarId: DEMO_AVATAR_ID },
      maxDuration: 300,
      integration: { type: 'elevenlabs', signedUrl: expect.stringMatching(SIGNED_URL) },
    });
    expect(createSessionBody.safeParse(body).success).toBe(true);
    // The signed URL goes to Runway and nowhere else: not to the browser, not to the log.
    const signedUrl = (body!.integration as { signedUrl: string }).signedUrl;
    expect(JSON.stringify(await response.json())).not.toContain('conversation_signature');
    expect(consoleLines(spies).join('\n')).not.toContain(signedUrl);
    expect(consoleLines(spies).join('\n')).not.toContain(ELEVENLABS_TEST_KEY);
  });

  it('asks for a fresh signed URL for every session: never one kept from an earlier call', async () => {
    expect((await create()).status).toBe(201);
    expect((await create()).status).toBe(201);
    expect(elevenLabs.requests).toHaveLength(2);
    const [first, second] = elevenLabs.creates.map((body) => (body.integration as { signedUrl: string }).signedUrl);
    expect(first).not.toBe(second);
  });

  it('one-shot flow: credentials for a call the emulated worker holds as the ElevenLabs agent', async () => {
    const response = await oneShot();
    expect(response.status).toBe(200);
    const { roomName } = (await response.json()) as { roomName: string };
    expect(elevenLabs.requests).toHaveLength(1);
    expect(elevenLabs.creates[0]).toMatchObject({ integration: { type: 'elevenlabs', signedUrl: expect.stringMatching(SIGNED_URL) } });
    expect(runway.emulator.control.roomSession(roomName)?.script).toMatchObject({ conversation: 'elevenlabs', tools: [] });
    expect(consoleLines(spies)).toEqual([]);
  });

  describe('even when the app config gives that avatar tools', () => {
    const saved = appConfig.callTools[DEMO_AVATAR_ID];
    beforeEach(() => {
      appConfig.callTools[DEMO_AVATAR_ID] = { tools: ['show_card'], pageActions: true, backendTools: ['lookup_order'] };
    });
    afterEach(() => {
      if (saved) appConfig.callTools[DEMO_AVATAR_ID] = saved;
      else delete appConfig.callTools[DEMO_AVATAR_ID];
    });

    it('creates the session without them and starts no backend-tool handler (the agent owns its tools)', async () => {
      const call = await startCall(DEMO_AVATAR_ID, { client: 'elevenlabs-test', admin: false });
      expect(call.servesTools).toBeUndefined();
      expect(elevenLabs.creates[0]).not.toHaveProperty('tools');
      expect(runway.requests).not.toContain(`POST /v1/realtime_sessions/${call.credentials.sessionId}/connect_backend`);
    });
  });

  it('leaves every other avatar on Runway’s own model, with its tools and no ElevenLabs request', async () => {
    expect((await create('cat-character')).status).toBe(201);
    expect(elevenLabs.requests).toEqual([]);
    expect(elevenLabs.creates[0]).not.toHaveProperty('integration');
    expect(elevenLabs.creates[0]!.tools).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'lookup_order' })]));
  });

  describe('when ElevenLabs gives no signed URL, no session is created and the visitor reads plain copy', () => {
    const cases: Array<[string, Fault | 'down', RegExp]> = [
      ['a wrong key', 'elevenlabs-401', /HTTP 401/],
      ['an agent ElevenLabs does not know', 'elevenlabs-404', /HTTP 404/],
      ['ElevenLabs failing', 'elevenlabs-500', /HTTP 500/],
      ['ElevenLabs unreachable', 'down', /unreachable/],
    ];

    it.each(cases)(
      '%s → 503 character_unavailable, no create, and the log names service, agent and status',
      async (_case, fault, status) => {
        if (fault === 'down') server.use(http.all(`${ELEVENLABS_TEST_URL}/*`, () => HttpResponse.error()));
        else runway.emulator.control.queueFaults([fault]);
        for (const start of [create, oneShot]) {
          const response = await start();
          expect(response.status).toBe(503);
          expect(await response.json()).toEqual({ error: { code: 'character_unavailable', message: CANT_TALK } });
          if (fault !== 'down') runway.emulator.control.queueFaults([fault]);
        }
        expect(runway.requests.filter((request) => request.startsWith('POST /v1/realtime_sessions'))).toEqual([]);
        expect(runway.emulator.control.sessions()).toEqual([]);
        const lines = consoleLines(spies);
        expect(lines).toHaveLength(2);
        for (const line of lines) {
          expect(line).toMatch(/→ character_unavailable: Error: ElevenLabs signed URL for agent agent_emulator_standin: /);
          expect(line).toMatch(status);
          expect(line).not.toContain(ELEVENLABS_TEST_KEY);
          expect(line).not.toContain(RUNWAY_KEY);
        }
      },
    );

    it('an agent this deployment maps but the account lacks → the same, with no retry', async () => {
      vi.stubEnv('ELEVENLABS_AGENTS', `${DEMO_AVATAR_ID}=agent_nobody`);
      expect((await create()).status).toBe(503);
      expect(elevenLabs.requests).toEqual([{ agentId: 'agent_nobody', apiKey: ELEVENLABS_TEST_KEY }]);
      expect(consoleLines(spies)[0]).toMatch(/agent agent_nobody: HTTP 404/);
      expect(runway.emulator.control.sessions()).toEqual([]);
    });

    it('ElevenLabs too slow → given up after the short timeout, never retried, no create', async () => {
      runway.emulator.control.queueFaults(['elevenlabs-slow']);
      const started = performance.now();
      const response = await create();
      const elapsed = performance.now() - started;
      expect(response.status).toBe(503);
      expect(elapsed).toBeGreaterThan(3900);
      expect(elapsed).toBeLessThan(6000);
      expect(elevenLabs.requests).toHaveLength(1);
      // (msw reports the stand-in's hang as a failed handler: ours is the [api] line.)
      const lines = consoleLines(spies).filter((line) => line.startsWith('[api]'));
      expect(lines).toEqual([expect.stringMatching(/agent agent_emulator_standin: no answer within 4 s$/)]);
      expect(runway.emulator.control.sessions()).toEqual([]);
    }, 10_000);
  });

  describe('limits apply as for any session', () => {
    useFreshLimits({ ...GENEROUS_LIMITS, MAX_CONCURRENT_SESSIONS: '1' });

    it('a failed signed URL gives its concurrency slot back', async () => {
      runway.emulator.control.queueFaults(['elevenlabs-500']);
      expect((await create()).status).toBe(503);
      expect((await create()).status).toBe(201);
      // And the slot is held now: a third start is refused before ElevenLabs is asked.
      expect((await create()).status).toBe(429);
      expect(elevenLabs.requests).toHaveLength(2);
    });
  });

  describe('the rate limit', () => {
    useFreshLimits({ ...GENEROUS_LIMITS, RATE_LIMIT_SESSIONS_PER_MINUTE: '1' });

    it('refuses a start before ElevenLabs is asked (its minutes cost money too)', async () => {
      expect((await create()).status).toBe(201);
      expect((await create()).status).toBe(429);
      expect(elevenLabs.requests).toHaveLength(1);
    });
  });
});
