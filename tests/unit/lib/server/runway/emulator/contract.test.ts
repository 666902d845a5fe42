import RunwayML from '@runwayml/sdk';
import { beforeEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createEmulator, DEMO_AVATAR_ID, type RunwayEmulator } from '@/lib/server/runway/emulator';
import { pngImage } from '@/tests/fixtures/media';
import { FAST_TIMINGS } from '@/tests/msw/runway';
import { API_HEADERS, runCall, TestClock } from '@/tests/unit/history-fixtures';
import * as shape from './sdk-shapes';

/**
 * The emulator against the SDK's own types: every endpoint the app uses, driven through the real
 * `@runwayml/sdk`, in every status the app handles. Each response must parse with the strict schema that
 * mirrors the SDK's declaration (sdk-shapes.ts): every declared field present with its type, no undeclared
 * field. The SDK returns the JSON it received, so what is checked is the emulator's wire response.
 */

let clock: TestClock;
let emulator: RunwayEmulator;
let client: RunwayML;

beforeEach(() => {
  clock = new TestClock();
  emulator = createEmulator({ ...FAST_TIMINGS, processingMs: 1000, videoMs: 4000, now: clock.now });
  client = new RunwayML({ apiKey: 'key_test_0123456789', baseURL: 'https://api.runway.test', fetch: emulator.fetch, maxRetries: 0 });
});

/** Parses like the SDK's declaration; on a mismatch, the failure names the field. */
function conforms<T extends z.ZodType>(schema: T, value: unknown) {
  const result = schema.safeParse(value);
  expect(result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)).toEqual([]);
  return result.data as z.infer<T>;
}

async function rawPage(path: string) {
  return (await emulator.handle(new Request(`https://api.runway.test${path}`, { headers: API_HEADERS }))).json();
}

describe('the emulator answers in the shapes @runwayml/sdk declares', () => {
  it('realtime sessions: create, then NOT_READY, READY, RUNNING, COMPLETED, FAILED and CANCELLED', async () => {
    const seen = new Set<string>();
    const check = async (id: string) => seen.add(conforms(shape.session, await client.realtimeSessions.retrieve(id)).status);
    const body = { model: 'gwm1_avatars' as const, avatar: { type: 'runway-preset' as const, presetId: 'cat-character' as const } };
    const { id } = conforms(shape.sessionCreated, await client.realtimeSessions.create(body));
    await check(id);
    clock.advance(5000);
    await check(id);
    const completed = await runCall(emulator, clock, { end: 'running' });
    await check(completed);
    clock.advance(400_000);
    await check(completed);
    emulator.control.queueFaults(['fail']);
    const failed = (await client.realtimeSessions.create(body)).id;
    clock.advance(5000);
    await check(failed);
    const cancelled = (await client.realtimeSessions.create(body)).id;
    await client.realtimeSessions.delete(cancelled);
    await check(cancelled);
    expect([...seen].sort()).toEqual(['CANCELLED', 'COMPLETED', 'FAILED', 'NOT_READY', 'READY', 'RUNNING']);
  });

  it('avatars: create, update, retrieve and list, PROCESSING, READY and FAILED, preset and custom voices', async () => {
    conforms(shape.avatar, await client.avatars.create(shape.AVATAR));
    emulator.control.queueFaults(['avatar-fail']);
    const failing = await client.avatars.create(shape.AVATAR);
    const { id: voiceId } = await client.voices.create({
      name: 'Mine',
      from: { type: 'text', prompt: 'A calm and warm narrator voice.', model: 'eleven_ttv_v3' },
    });
    clock.advance(1000);
    const custom = await client.avatars.create({ ...shape.AVATAR, voice: { type: 'custom', id: voiceId } });
    conforms(shape.avatar, await client.avatars.update(custom.id, { startScript: null }));
    await client.voices.delete(voiceId);
    clock.advance(1000);
    expect(conforms(shape.avatar, await client.avatars.retrieve(failing.id)).status).toBe('FAILED');
    expect(conforms(shape.avatar, await client.avatars.retrieve(custom.id)).voice).toMatchObject({ deleted: true });
    const listed = conforms(shape.page(shape.avatar), await rawPage('/v1/avatars?limit=2'));
    expect(listed.nextCursor).not.toBeNull();
  });

  it('uploads: the upload request and the storage POST the SDK makes', async () => {
    const { uri } = await client.uploads.createEphemeral({ file: new File([new Uint8Array(pngImage())], 'face.png') });
    expect(uri).toMatch(/^runway:\/\//);
    expect(conforms(shape.avatar, await client.avatars.create({ ...shape.AVATAR, referenceImage: uri })).status).toBe('PROCESSING');
  });

  it('documents: create, retrieve, list (without content), update (no body)', async () => {
    const created = conforms(shape.document, await client.documents.create({ name: 'FAQ', content: '# Answers' }));
    await client.avatars.update(DEMO_AVATAR_ID, { documentIds: [created.id] });
    // Void in the SDK: Runway answers 204 with no body.
    expect(await client.documents.update(created.id, { content: '# More answers' })).toBeNull();
    expect(conforms(shape.document, await client.documents.retrieve(created.id)).usedBy).toHaveLength(1);
    conforms(shape.page(shape.documentListItem), await rawPage('/v1/documents'));
  });

  it('voices: create (an id only), PROCESSING, READY, update, list, preview', async () => {
    const { id } = conforms(
      shape.voiceCreated,
      await client.voices.create({
        name: 'Mine',
        from: { type: 'text', prompt: 'A calm and warm narrator voice.', model: 'eleven_ttv_v3' },
      }),
    );
    expect(conforms(shape.voice, await client.voices.retrieve(id)).status).toBe('PROCESSING');
    clock.advance(1000);
    expect(conforms(shape.voice, await client.voices.update(id, { description: 'Calm' })).status).toBe('READY');
    conforms(shape.page(shape.voice), await rawPage('/v1/voices'));
    conforms(shape.voicePreview, await client.voices.preview({ prompt: 'A calm and warm narrator voice.', model: 'eleven_ttv_v3' }));
  });

  it('conversations: list and retrieve, in progress, ended (hung up and cancelled) and failed, preset and custom', async () => {
    const tools = [{ type: 'client_event', name: 'show_card', description: 'Shows a card' }];
    const turns = [{ role: 'assistant' as const, content: 'Hi', toolCalls: [{ name: 'show_card', arguments: { title: 'x' } }] }];
    const ids = [
      await runCall(emulator, clock, { tools, turns }),
      await runCall(emulator, clock, { avatar: { type: 'custom', avatarId: DEMO_AVATAR_ID }, end: 'cancel' }),
      await runCall(emulator, clock, { end: 'running' }),
      await runCall(emulator, clock, { end: 'never-joined' }),
    ];
    emulator.control.queueFaults(['fail']);
    ids.push(await runCall(emulator, clock));
    const statuses = [];
    for (const id of ids) statuses.push(conforms(shape.conversation, await client.avatarConversations.retrieve(id)).status);
    expect(statuses).toEqual(['ended', 'ended', 'in_progress', 'in_progress', 'failed']);
    conforms(shape.page(shape.conversationListItem), await rawPage('/v1/avatar_conversations?limit=100'));
  });

  it('usage', async () => {
    await runCall(emulator, clock, { seconds: 10 });
    await runCall(emulator, clock, { seconds: 11 });
    const usage = conforms(
      shape.usage,
      await client.avatars.getUsage({ startDate: '2026-11-19T00:00:00.000Z', endDate: '2026-11-21T00:00:00.000Z' }),
    );
    expect(Number.isInteger(usage.avgDurationSeconds)).toBe(true);
  });

  it('avatar videos and their tasks: PENDING, RUNNING, SUCCEEDED and FAILED', async () => {
    const body = {
      model: 'gwm1_avatars' as const,
      avatar: { type: 'runway-preset' as const, presetId: 'cat-character' as const },
      speech: { type: 'text' as const, text: 'Hi' },
    };
    const { id } = conforms(shape.videoCreated, await client.avatarVideos.create(body));
    emulator.control.queueFaults(['video-fail']);
    const failing = (await client.avatarVideos.create(body)).id;
    const seen = [conforms(shape.task, await client.tasks.retrieve(id)).status];
    clock.advance(2000);
    seen.push(conforms(shape.task, await client.tasks.retrieve(id)).status);
    clock.advance(2000);
    seen.push(
      conforms(shape.task, await client.tasks.retrieve(id)).status,
      conforms(shape.task, await client.tasks.retrieve(failing)).status,
    );
    expect(seen).toEqual(['PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED']);
  });
});
