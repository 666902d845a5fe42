import { ElevenLabsClient, ElevenLabsError } from '@elevenlabs/elevenlabs-js';
import RunwayML from '@runwayml/sdk';
import { beforeEach, describe, expect, it } from 'vitest';
import { createEmulator, DEMO_AVATAR_ID, STAND_IN_AGENT_ID, STAND_IN_API_KEY, type RunwayEmulator } from '../src/index';
import { agentVoice, greeting, agentStep, INITIAL_AGENT_STATE } from '../src/room/agent-script';

/**
 * The ElevenLabs stand-in (GET /v1/convai/conversation/get-signed-url) through the official SDK, and what
 * the emulated worker makes of a session's signed URL: its own, fresh → the stand-in agent talks; anything
 * else → the session fails as the worker starts; a foreign URL naming this machine is refused at create.
 */

const T0 = Date.parse('2026-11-01T12:00:00.000Z');
const FIFTEEN_MINUTES = 15 * 60_000;
let clock: number;
let emulator: RunwayEmulator;
let runway: RunwayML;

const elevenLabs = (apiKey = STAND_IN_API_KEY) =>
  new ElevenLabsClient({ apiKey, baseUrl: 'https://stand-in.test', fetch: emulator.fetch, maxRetries: 0 });
const signedUrl = async () => (await elevenLabs().conversationalAi.conversations.getSignedUrl({ agentId: STAND_IN_AGENT_ID })).signedUrl;

async function statusOf(error: Promise<unknown>) {
  const caught = await error.catch((thrown: unknown) => thrown);
  expect(caught).toBeInstanceOf(ElevenLabsError);
  return (caught as ElevenLabsError).statusCode;
}

function createWith(url: string) {
  return runway.realtimeSessions.create({
    model: 'gwm1_avatars',
    avatar: { type: 'custom', avatarId: DEMO_AVATAR_ID },
    integration: { type: 'elevenlabs', signedUrl: url },
  });
}

beforeEach(() => {
  clock = T0;
  emulator = createEmulator({ queuedMs: 0, readyMs: { min: 1000, max: 1000 }, readyExpiryMs: 60_000, now: () => clock });
  runway = new RunwayML({ apiKey: 'key_x', baseURL: 'https://e.test', fetch: emulator.fetch, maxRetries: 0 });
});

describe('the ElevenLabs stand-in', () => {
  it('hands out a signed wss:// URL for its agent, on the host it was asked at, different every time', async () => {
    const first = await signedUrl();
    expect(first).toMatch(
      /^wss:\/\/stand-in\.test\/v1\/convai\/conversation\?agent_id=agent_emulator_standin&conversation_signature=\d+\.[\w-]+\.[\w-]+$/,
    );
    // Same agent, same instant: still one URL per conversation.
    expect(await signedUrl()).not.toBe(first);
  });

  it('checks the key and knows its agents: 401 for a key that is not sk_…, 404 for another agent', async () => {
    await expect(
      statusOf(elevenLabs('key_runway_style').conversationalAi.conversations.getSignedUrl({ agentId: STAND_IN_AGENT_ID })),
    ).resolves.toBe(401);
    await expect(statusOf(elevenLabs().conversationalAi.conversations.getSignedUrl({ agentId: 'agent_other' }))).resolves.toBe(404);
  });

  it('fails the next request once for each queued fault', async () => {
    emulator.control.queueFaults(['elevenlabs-401', 'elevenlabs-404', 'elevenlabs-500']);
    const ask = () => elevenLabs().conversationalAi.conversations.getSignedUrl({ agentId: STAND_IN_AGENT_ID });
    expect([await statusOf(ask()), await statusOf(ask()), await statusOf(ask())]).toEqual([401, 404, 500]);
    await expect(signedUrl()).resolves.toMatch(/^wss:/);
  });
});

describe('the emulated worker with an ElevenLabs integration', () => {
  const roomOf = async (id: string) => {
    const session = await runway.realtimeSessions.retrieve(id);
    if (session.status !== 'READY') return session;
    const consumed = await runway.post<{ roomName: string }>(`/v1/realtime_sessions/${id}/consume`, {
      headers: { Authorization: `Bearer ${session.sessionKey}`, 'Content-Type': 'application/json' },
    });
    return emulator.control.roomSession(consumed.roomName);
  };

  it('talks as the stand-in agent with a stand-in URL: its own greeting and another voice, no start script', async () => {
    const { id } = await createWith(await signedUrl());
    clock += 1000;
    const room = await roomOf(id);
    const script = (room as { script: Parameters<typeof greeting>[0] }).script;
    expect(script.conversation).toBe('elevenlabs');
    expect(greeting(script)).toMatch(/^Hello, the ElevenLabs agent answers\./);
    expect(agentVoice(script)).not.toBe(agentVoice({ ...script, conversation: 'runway' }));
    // Its replies say who answers too.
    const listening = { ...INITIAL_AGENT_STATE, phase: 'listening' as const };
    const { actions } = agentStep(listening, { type: 'visitor-spoke', durationMs: 1200 }, script);
    expect(actions).toContainEqual({ type: 'say', text: expect.stringMatching(/^The ElevenLabs agent answers/) });
  });

  it('fails the session as the worker starts when the signed URL had expired by then', async () => {
    const url = await signedUrl();
    clock += FIFTEEN_MINUTES - 500; // Still valid at create; expired 1 s later, when the worker starts.
    const { id } = await createWith(url);
    clock += 1000;
    expect(await runway.realtimeSessions.retrieve(id)).toMatchObject({
      status: 'FAILED',
      failure: 'The ElevenLabs signed URL had expired.',
    });
  });

  it('fails the session when the URL is not the stand-in’s (a real ElevenLabs URL, a forged signature)', async () => {
    const forged = (await signedUrl()).replace(/\.[\w-]+$/, '.forged');
    for (const url of ['wss://api.elevenlabs.io/v1/convai/conversation?agent_id=agent_x&conversation_signature=abc', forged]) {
      const { id } = await createWith(url);
      clock += 1000;
      expect(await runway.realtimeSessions.retrieve(id)).toMatchObject({
        status: 'FAILED',
        failure: 'The signed URL was not issued by the ElevenLabs stand-in.',
      });
    }
  });

  it('refuses at create a foreign signed URL on a private host (Runway needs a public one), not its own', async () => {
    const error = await createWith('wss://127.0.0.1:9/v1/convai/conversation?agent_id=x').catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ status: 400, error: { error: 'integration.signedUrl must resolve to a public host' } });
    const local = new ElevenLabsClient({
      apiKey: STAND_IN_API_KEY,
      baseUrl: 'http://127.0.0.1:4010',
      fetch: emulator.fetch,
      maxRetries: 0,
    });
    const own = (await local.conversationalAi.conversations.getSignedUrl({ agentId: STAND_IN_AGENT_ID })).signedUrl;
    expect(own).toMatch(/^wss:\/\/127\.0\.0\.1:4010\//);
    await expect(createWith(own)).resolves.toMatchObject({ id: expect.any(String) });
  });
});
