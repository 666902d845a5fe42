import RunwayML from '@runwayml/sdk';
import { beforeEach, describe, expect, it } from 'vitest';
import { createEmulator, DEMO_AVATAR_ID, RUNWAY_VERSION, type RunwayEmulator } from '../src/index';
import { pngImage, wavAudio } from '../src/testing/media';
import { AVATAR } from './sdk-shapes';

/** The emulator's avatar, upload, document and voice endpoints, as Runway's API reference describes them. */

/** A signed, expiring media link on the emulator's own origin: absolute, as Runway's links are. */
const MEDIA_LINK = (kind: string) =>
  expect.stringMatching(new RegExp(`^https://e\\.test/media/${kind}/[0-9a-f-]{36}\\?expires=\\d+&nonce=[\\w-]+&signature=[\\w-]+$`));

const T0 = Date.parse('2026-11-01T12:00:00.000Z');
const HEADERS = { authorization: 'Bearer key_test_emulator', 'x-runway-version': RUNWAY_VERSION };
let clock: number;
let emulator: RunwayEmulator;
let client: RunwayML;

beforeEach(() => {
  clock = T0;
  emulator = createEmulator({ queuedMs: 0, readyMs: { min: 0, max: 0 }, readyExpiryMs: 60_000, processingMs: 3000, now: () => clock });
  client = new RunwayML({ apiKey: 'key_x', baseURL: 'https://e.test', fetch: emulator.fetch, maxRetries: 0 });
});

function call(method: string, path: string, body?: unknown) {
  return emulator.handle(
    new Request(`https://e.test${path}`, {
      method,
      headers: body === undefined ? HEADERS : { ...HEADERS, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
}

describe('emulator: avatar CRUD and status', () => {
  it('creates an avatar PROCESSING, READY after the processing delay, with the preset voice named', async () => {
    const created = await client.avatars.create(AVATAR);
    expect(created).toMatchObject({ status: 'PROCESSING', processedImageUri: null, startScript: null, documentIds: [] });
    clock += 2999;
    expect((await client.avatars.retrieve(created.id)).status).toBe('PROCESSING');
    clock += 1;
    const ready = await client.avatars.retrieve(created.id);
    expect(ready).toMatchObject({ status: 'READY', processedImageUri: AVATAR.referenceImage });
    expect(ready.voice).toEqual({
      type: 'runway-live-preset',
      presetId: 'vincent',
      name: 'Vincent',
      description: 'Knowledgeable, authoritative',
    });
  });

  it('takes an empty start script: Runway sets no minimum length', async () => {
    expect(await client.avatars.create({ ...AVATAR, startScript: '' })).toMatchObject({ startScript: '' });
    const { id } = await client.avatars.create(AVATAR);
    expect(await client.avatars.update(id, { startScript: '' })).toMatchObject({ startScript: '' });
  });

  it('a queued avatar-fail fault makes the next avatar FAILED with a reason, and only that one', async () => {
    emulator.control.queueFaults(['avatar-fail']);
    const failing = await client.avatars.create(AVATAR);
    const fine = await client.avatars.create(AVATAR);
    clock += 3000;
    const failed = await client.avatars.retrieve(failing.id);
    expect(failed.status).toBe('FAILED');
    expect(failed.status === 'FAILED' && failed.failureReason).toMatch(/face/);
    expect((await client.avatars.retrieve(fine.id)).status).toBe('READY');
  });

  it('an avatar-fail fault does not touch the next session', async () => {
    emulator.control.queueFaults(['avatar-fail']);
    const { id } = await client.realtimeSessions.create({
      model: 'gwm1_avatars',
      avatar: { type: 'runway-preset', presetId: 'cat-character' },
    });
    expect((await client.realtimeSessions.retrieve(id)).status).toBe('READY');
  });

  it('refuses a session for a custom avatar until it is READY', async () => {
    const created = await client.avatars.create(AVATAR);
    const body = { model: 'gwm1_avatars', avatar: { type: 'custom', avatarId: created.id } };
    expect((await call('POST', '/v1/realtime_sessions', body)).status).toBe(400);
    clock += 3000;
    expect((await call('POST', '/v1/realtime_sessions', body)).status).toBe(200);
  });

  it.each([
    ['a 51-character name', { name: 'x'.repeat(51) }, 'name'],
    ['an empty personality', { personality: '' }, 'personality'],
    ['a 10 001-character personality', { personality: 'p'.repeat(10_001) }, 'personality'],
    ['an http image', { referenceImage: 'http://images.example.com/a.png' }, 'referenceImage'],
    ['a GIF data URI', { referenceImage: 'data:image/gif;base64,R0lGOD' }, 'referenceImage'],
    ['an unknown preset voice', { voice: { type: 'runway-live-preset', presetId: 'bob' } }, 'voice'],
    ['a 2001-character start script', { startScript: 's'.repeat(2001) }, 'startScript'],
    ['51 documents', { documentIds: Array.from({ length: 51 }, () => crypto.randomUUID()) }, 'documentIds'],
    ['imageProcessing "fast"', { imageProcessing: 'fast' }, 'imageProcessing'],
    ['an unknown field', { mood: 'happy' }, ''],
  ])('refuses %s with 400 and zod-style issues', async (_label, change, path) => {
    const response = await call('POST', '/v1/avatars', { ...AVATAR, ...change });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; issues: Array<{ path: string[] }> };
    expect(body.issues[0]!.path.join('.')).toContain(path);
  });

  it('refuses unknown documents, an unknown or unready custom voice, and an unknown upload', async () => {
    expect((await call('POST', '/v1/avatars', { ...AVATAR, documentIds: [crypto.randomUUID()] })).status).toBe(400);
    expect((await call('POST', '/v1/avatars', { ...AVATAR, voice: { type: 'custom', id: crypto.randomUUID() } })).status).toBe(400);
    const { id } = await client.voices.create({
      name: 'Mine',
      from: { type: 'text', prompt: 'A warm, calm narrator voice.', model: 'eleven_ttv_v3' },
    });
    const unready = await call('POST', '/v1/avatars', { ...AVATAR, voice: { type: 'custom', id } });
    expect(await unready.json()).toEqual({ error: 'Voice is PROCESSING, not READY' });
    expect((await call('POST', '/v1/avatars', { ...AVATAR, referenceImage: 'runway://ephemeral/nope/a.png' })).status).toBe(400);
  });

  it('updates only what is sent; startScript null clears it; documentIds replaces the list; a new image processes again', async () => {
    const a = await client.documents.create({ name: 'A', content: 'alpha' });
    const b = await client.documents.create({ name: 'B', content: 'beta' });
    const created = await client.avatars.create({ ...AVATAR, startScript: 'Hello!', documentIds: [a.id] });
    clock += 3000;
    const updated = await client.avatars.update(created.id, { startScript: null, documentIds: [b.id] });
    expect(updated).toMatchObject({ status: 'READY', name: 'Nova', startScript: null, documentIds: [b.id] });
    const reimaged = await client.avatars.update(created.id, { referenceImage: 'https://images.example.com/new.png' });
    expect(reimaged.status).toBe('PROCESSING');
    expect((await call('PATCH', `/v1/avatars/${created.id}`, {})).status).toBe(400);
  });

  it('deletes an avatar (204, then 404)', async () => {
    const created = await client.avatars.create(AVATAR);
    expect((await call('DELETE', `/v1/avatars/${created.id}`)).status).toBe(204);
    expect((await call('GET', `/v1/avatars/${created.id}`)).status).toBe(404);
    expect((await call('DELETE', `/v1/avatars/${created.id}`)).status).toBe(404);
  });

  it('pages newest first with cursors, and the SDK walks every page', async () => {
    for (let i = 0; i < 5; i += 1) {
      clock += 1000;
      await client.avatars.create({ ...AVATAR, name: `Avatar ${i}` });
    }
    const first = (await (await call('GET', '/v1/avatars?limit=2')).json()) as {
      data: Array<{ name: string }>;
      hasMore: boolean;
      nextCursor: string;
    };
    expect(first.data.map((avatar) => avatar.name)).toEqual(['Avatar 4', 'Avatar 3']);
    expect(first.hasMore).toBe(true);
    const second = (await (await call('GET', `/v1/avatars?limit=2&cursor=${encodeURIComponent(first.nextCursor)}`)).json()) as {
      data: Array<{ name: string }>;
    };
    expect(second.data.map((avatar) => avatar.name)).toEqual(['Avatar 2', 'Avatar 1']);
    const names: string[] = [];
    for await (const avatar of client.avatars.list({ limit: 2 })) names.push(avatar.name);
    expect(names).toEqual(['Avatar 4', 'Avatar 3', 'Avatar 2', 'Avatar 1', 'Avatar 0', 'Ada']);
  });
});

describe('emulator: uploads', () => {
  it('runs the SDK’s createEphemeral end to end and the URI works as a reference image', async () => {
    const { uri } = await client.uploads.createEphemeral({
      file: new File([new Uint8Array(pngImage())], 'face.png', { type: 'image/png' }),
    });
    expect(uri).toMatch(/^runway:\/\/ephemeral\/[0-9a-f-]+\/face\.png$/);
    const avatar = await client.avatars.create({ ...AVATAR, referenceImage: uri });
    expect(avatar.referenceImageUri).toMatch(/^data:image\/png;base64,/);
  });

  it('refuses a filename without a media extension, files under 512 bytes, out-of-order or forged fields', async () => {
    expect((await call('POST', '/v1/uploads', { filename: 'notes.txt', type: 'ephemeral' })).status).toBe(400);
    const created = (await (await call('POST', '/v1/uploads', { filename: 'a.png', type: 'ephemeral' })).json()) as {
      uploadUrl: string;
      fields: Record<string, string>;
    };
    const post = (form: FormData) => emulator.handle(new Request(created.uploadUrl, { method: 'POST', body: form }));
    const form = (file: Blob, fields = created.fields, fileFirst = false) => {
      const data = new FormData();
      if (fileFirst) data.append('file', file);
      for (const [key, value] of Object.entries(fields)) data.append(key, value);
      if (!fileFirst) data.append('file', file);
      return data;
    };
    expect((await post(form(new Blob([new Uint8Array(511)])))).status).toBe(400);
    expect((await post(form(new Blob([new Uint8Array(600)]), created.fields, true))).status).toBe(400);
    expect((await post(form(new Blob([new Uint8Array(600)]), { ...created.fields, policy: 'forged' }))).status).toBe(403);
    expect((await post(form(new Blob([new Uint8Array(600)])))).status).toBe(204);
    expect((await post(form(new Blob([new Uint8Array(600)])))).status).toBe(409);
  });
});

describe('emulator: documents', () => {
  it('lists without content, sorted by sort/order, with usedBy; delete detaches from avatars', async () => {
    const first = await client.documents.create({ name: 'First', content: '# One' });
    clock += 1000;
    const second = await client.documents.create({ name: 'Second', content: '# Two' });
    clock += 1000;
    await client.documents.update(first.id, { content: '# One, revised' });
    const avatar = await client.avatars.create({ ...AVATAR, documentIds: [first.id, second.id] });

    const byCreated = await client.documents.list({ sort: 'createdAt', order: 'asc' });
    expect(byCreated.data.map((document) => document.name)).toEqual(['First', 'Second']);
    const byUpdated = await client.documents.list({ sort: 'updatedAt', order: 'desc' });
    expect(byUpdated.data.map((document) => document.name)).toEqual(['First', 'Second']);
    expect(byUpdated.data[0]).not.toHaveProperty('content');
    expect(byUpdated.data[0]!.usedBy).toEqual([{ id: avatar.id, name: 'Nova', imageUrl: AVATAR.referenceImage }]);
    expect((await client.documents.retrieve(first.id)).content).toBe('# One, revised');

    await client.documents.delete(first.id);
    expect((await client.avatars.retrieve(avatar.id)).documentIds).toEqual([second.id]);
    expect((await call('GET', `/v1/documents/${first.id}`)).status).toBe(404);
  });

  it('defaults to createdAt desc and validates limits', async () => {
    await client.documents.create({ name: 'Old', content: 'a' });
    clock += 1000;
    await client.documents.create({ name: 'New', content: 'b' });
    const page = (await (await call('GET', '/v1/documents')).json()) as { data: Array<{ name: string }> };
    expect(page.data.map((document) => document.name)).toEqual(['New', 'Old']);
    expect((await call('GET', '/v1/documents?sort=name')).status).toBe(400);
    expect((await call('POST', '/v1/documents', { name: '', content: 'a' })).status).toBe(400);
    expect((await call('POST', '/v1/documents', { name: 'n', content: 'x'.repeat(200_001) })).status).toBe(400);
    expect((await call('POST', '/v1/documents', { name: 'n'.repeat(256), content: 'x' })).status).toBe(400);
  });
});

describe('emulator: voices', () => {
  const DESIGN = {
    name: 'Narrator',
    from: { type: 'text' as const, prompt: 'A warm, calm narrator voice.', model: 'eleven_ttv_v3' as const },
  };

  it('create returns only an id; the voice goes PROCESSING → READY with a preview URL', async () => {
    const created = await client.voices.create(DESIGN);
    expect(Object.keys(created)).toEqual(['id']);
    expect(await client.voices.retrieve(created.id)).toMatchObject({ status: 'PROCESSING', name: 'Narrator', description: null });
    clock += 3000;
    const ready = await client.voices.retrieve(created.id);
    expect(ready).toMatchObject({ status: 'READY', previewUrl: MEDIA_LINK('voices') });
    const audio = await emulator.fetch(ready.status === 'READY' ? ready.previewUrl! : '');
    expect([audio.status, audio.headers.get('content-type')]).toEqual([200, 'audio/wav']);
  });

  it('clones from an uploaded audio sample, but not from an uploaded image', async () => {
    const audio = await client.uploads.createEphemeral({ file: new File([new Uint8Array(wavAudio(12))], 'me.wav') });
    expect((await call('POST', '/v1/voices', { name: 'Me', from: { type: 'audio', audio: audio.uri } })).status).toBe(200);
    const image = await client.uploads.createEphemeral({ file: new File([new Uint8Array(pngImage())], 'me.png') });
    expect((await call('POST', '/v1/voices', { name: 'Me', from: { type: 'audio', audio: image.uri } })).status).toBe(400);
  });

  it('renames, lists and deletes; an avatar keeps a deleted voice as deleted: true', async () => {
    const { id } = await client.voices.create(DESIGN);
    clock += 3000;
    expect(await client.voices.update(id, { name: 'Storyteller' })).toMatchObject({ name: 'Storyteller', status: 'READY' });
    const avatar = await client.avatars.create({ ...AVATAR, voice: { type: 'custom', id } });
    expect(avatar.voice).toEqual({ type: 'custom', id, deleted: false, name: 'Storyteller', description: null });
    expect((await client.voices.list({})).data.map((voice) => voice.name)).toEqual(['Storyteller']);
    await client.voices.delete(id);
    expect((await client.avatars.retrieve(avatar.id)).voice).toEqual({ type: 'custom', id, deleted: true });
    expect((await call('GET', `/v1/voices/${id}`)).status).toBe(404);
  });

  it('previews a prompt, and validates prompt length and model', async () => {
    const preview = await client.voices.preview({ prompt: DESIGN.from.prompt, model: 'eleven_multilingual_ttv_v2' });
    expect(preview).toEqual({ url: MEDIA_LINK('previews'), durationSecs: 1.5 });
    expect((await emulator.fetch(preview.url)).status).toBe(200);
    expect((await call('POST', '/v1/voices/preview', { prompt: 'too short', model: 'eleven_ttv_v3' })).status).toBe(400);
    expect((await call('POST', '/v1/voices/preview', { prompt: 'p'.repeat(1001), model: 'eleven_ttv_v3' })).status).toBe(400);
    expect((await call('POST', '/v1/voices/preview', { prompt: DESIGN.from.prompt, model: 'eleven_v9' })).status).toBe(400);
    expect((await call('POST', '/v1/voices', { ...DESIGN, name: 'n'.repeat(101) })).status).toBe(400);
  });

  it('takes a description of up to 1024 characters, as Runway does', async () => {
    expect((await call('POST', '/v1/voices', { ...DESIGN, description: 'd'.repeat(1024) })).status).toBe(200);
    expect((await call('POST', '/v1/voices', { ...DESIGN, description: 'd'.repeat(1025) })).status).toBe(400);
  });
});

it('the demo avatar is still READY with Clara', async () => {
  expect(await client.avatars.retrieve(DEMO_AVATAR_ID)).toMatchObject({ status: 'READY', voice: { presetId: 'clara', name: 'Clara' } });
});
