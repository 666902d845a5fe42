import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as avatarRoute from '@/app/api/avatars/[id]/route';
import * as avatarsRoute from '@/app/api/avatars/route';
import * as documentRoute from '@/app/api/documents/[id]/route';
import * as documentsRoute from '@/app/api/documents/route';
import * as voicePreviewRoute from '@/app/api/voices/preview/route';
import * as voiceRoute from '@/app/api/voices/[id]/route';
import * as voicesRoute from '@/app/api/voices/route';
import { type AvatarDraft, createBody, draftOf, updateBody } from '@/components/avatars/avatar-diff';
import { type RunwayFake, useRunwayFake } from '@/tests/msw/runway';
import { jsonRequest, routeContext } from '@/tests/unit/request';
import { resetSecurityState, signInWithTestPassword } from '@/tests/unit/security';

/** /api/avatars, /api/documents and /api/voices in live mode against the emulator (msw), signed in as the admin. */

let cookie: string;

async function signInAdmin() {
  resetSecurityState();
  cookie = await signInWithTestPassword();
}

type Handler = (request: Request, context: ReturnType<typeof routeContext>) => Promise<Response>;
async function send(handler: Handler, path: string, init: { method?: string; body?: unknown } = {}, params: Record<string, string> = {}) {
  const response = await handler(jsonRequest(path, { ...init, headers: { cookie } }), routeContext(params));
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

const AVATAR = {
  name: 'Nova',
  referenceImage: 'https://images.example.com/nova.png',
  personality: 'You are Nova, a cheerful guide.',
  voice: { type: 'preset', presetId: 'vincent' },
};

/** AVATAR as Runway receives it (the app's voice choice in the wire shape). */
const WIRE_AVATAR = { ...AVATAR, voice: { type: 'runway-live-preset', presetId: 'vincent' } };

/** Every write that reaches Runway from now on, with its JSON body. */
function recordWrites(fake: RunwayFake) {
  const sent: Array<{ request: string; body: unknown }> = [];
  const handle = fake.emulator.handle;
  fake.emulator.handle = async (request) => {
    if (request.method !== 'GET') {
      const text = await request.clone().text();
      sent.push({ request: `${request.method} ${new URL(request.url).pathname}`, body: text ? JSON.parse(text) : null });
    }
    return handle(request);
  };
  return sent;
}

async function createAvatar(change: Record<string, unknown> = {}) {
  const { status, body } = await send(avatarsRoute.POST, '/api/avatars', { body: { ...AVATAR, ...change } });
  expect(status).toBe(201);
  return body as { id: string; status: string };
}

/** Long enough that a create and the request after it land while the avatar is still processing, on a busy machine too. */
const PROCESSING_MS = 300;
const waitForProcessing = () => new Promise((resolve) => setTimeout(resolve, PROCESSING_MS + 20));

describe('/api/avatars', () => {
  const fake = useRunwayFake({ processingMs: PROCESSING_MS });
  beforeEach(signInAdmin);

  it('creates an avatar (PROCESSING) that reads back READY in the app shape, never the wire shape', async () => {
    const created = await createAvatar({ startScript: 'Hi there!' });
    expect(created).toMatchObject({
      status: 'processing',
      name: 'Nova',
      startScript: 'Hi there!',
      voice: { type: 'preset', id: 'vincent', name: 'Vincent', deleted: false },
    });
    expect(fake.requests).toEqual(['POST /v1/avatars']);
    await waitForProcessing();
    const { body } = await send(avatarRoute.GET, `/api/avatars/${created.id}`, {}, { id: created.id });
    expect(body).toMatchObject({ status: 'ready', imageUrl: AVATAR.referenceImage, failureReason: null });
    expect(body).not.toHaveProperty('processedImageUri');
  });

  it('reports FAILED with Runway’s reason when the avatar-fail fault is queued', async () => {
    fake.emulator.control.queueFaults(['avatar-fail']);
    const created = await createAvatar();
    await waitForProcessing();
    const { body } = await send(avatarRoute.GET, `/api/avatars/${created.id}`, {}, { id: created.id });
    expect(body).toMatchObject({ status: 'failed', failureReason: expect.stringMatching(/face/) });
  });

  it.each([
    ['an empty name', { name: '  ' }, 'body.name'],
    ['a 51-character name', { name: 'n'.repeat(51) }, 'body.name'],
    ['an http image link', { referenceImage: 'http://images.example.com/a.png' }, 'body.referenceImage'],
    ['a data: URI (use the upload route)', { referenceImage: 'data:image/png;base64,AAAA' }, 'body.referenceImage'],
    ['an empty personality', { personality: '' }, 'body.personality'],
    ['a 10 001-character personality', { personality: 'p'.repeat(10_001) }, 'body.personality'],
    ['a 2001-character start script', { startScript: 's'.repeat(2001) }, 'body.startScript'],
    ['an unknown preset voice', { voice: { type: 'preset', presetId: 'bob' } }, 'body.voice'],
    ['a custom voice id that is not a UUID', { voice: { type: 'custom', id: 'mine' } }, 'body.voice'],
    ['the wire voice shape', { voice: { type: 'runway-live-preset', presetId: 'clara' } }, 'body.voice'],
    [
      'a repeated document',
      { documentIds: ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000001'] },
      'body.documentIds',
    ],
    ['51 documents', { documentIds: Array.from({ length: 51 }, () => crypto.randomUUID()) }, 'body.documentIds'],
    ['imageProcessing "fast"', { imageProcessing: 'fast' }, 'body.imageProcessing'],
    ['an unknown field', { mood: 'happy' }, 'body'],
  ])('refuses %s with 400 before calling Runway', async (_label, change, path) => {
    const { status, body } = await send(avatarsRoute.POST, '/api/avatars', { body: { ...AVATAR, ...change } });
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.details[0].path).toMatch(new RegExp(`^${path.replace('.', '\\.')}(\\.|$)`));
    expect(fake.requests).toEqual([]);
  });

  it('accepts a 10 000-character personality in a non-Latin script (up to 64 KB of JSON)', async () => {
    expect((await send(avatarsRoute.POST, '/api/avatars', { body: { ...AVATAR, personality: '漢'.repeat(10_000) } })).status).toBe(201);
  });

  it('passes Runway’s own refusals on as 400 (a document that does not exist)', async () => {
    const { status, body } = await send(avatarsRoute.POST, '/api/avatars', { body: { ...AVATAR, documentIds: [crypto.randomUUID()] } });
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/Runway rejected the request: Document .* not found/);
  });

  it.each(['get-500', 'get-503'] as const)('a list or a retrieve absorbs one %s through the SDK’s retries', async (fault) => {
    const created = await createAvatar();
    fake.emulator.control.queueFaults([fault]);
    expect((await send(avatarsRoute.GET, '/api/avatars')).status).toBe(200);
    fake.emulator.control.queueFaults([fault]);
    expect((await send(avatarRoute.GET, `/api/avatars/${created.id}`, {}, { id: created.id })).status).toBe(200);
  });

  it('a new image while the avatar is PROCESSING is a 409 that says why, sent to Runway once (no retries)', async () => {
    const created = await createAvatar();
    const patch = (body: unknown) => send(avatarRoute.PATCH, `/api/avatars/${created.id}`, { method: 'PATCH', body }, { id: created.id });
    const image = { referenceImage: 'https://images.example.com/new.png' };
    fake.requests.length = 0;
    const refused = await patch(image);
    expect(refused).toEqual({
      status: 409,
      body: {
        error: { code: 'conflict', message: 'Runway refused: The reference image cannot be updated while the avatar is processing.' },
      },
    });
    expect(fake.requests).toEqual([`PATCH /v1/avatars/${created.id}`]);
    // Other fields may change meanwhile, and the image once processing is over.
    expect((await patch({ name: 'Renamed' })).status).toBe(200);
    await waitForProcessing();
    expect(await patch(image)).toMatchObject({ status: 200, body: { status: 'processing' } });
  });

  it('PATCH sends only the changed fields; null clears the start script; documentIds replaces the list', async () => {
    const document = await send(documentsRoute.POST, '/api/documents', { body: { name: 'FAQ', content: '# FAQ' } });
    const created = await createAvatar({ startScript: 'Hello!' });
    const { status, body } = await send(
      avatarRoute.PATCH,
      `/api/avatars/${created.id}`,
      { method: 'PATCH', body: { startScript: null, documentIds: [document.body.id], voice: { type: 'preset', presetId: 'clara' } } },
      { id: created.id },
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({ name: 'Nova', startScript: null, documentIds: [document.body.id], voice: { name: 'Clara' } });
    const empty = await send(avatarRoute.PATCH, `/api/avatars/${created.id}`, { method: 'PATCH', body: {} }, { id: created.id });
    expect(empty.status).toBe(400);
  });

  it('accepts an empty start script (Runway has no minimum) and passes it to Runway as it came: "" on create and on update', async () => {
    const sent = recordWrites(fake);
    const created = await send(avatarsRoute.POST, '/api/avatars', { body: { ...AVATAR, startScript: '' } });
    expect(created.status).toBe(201);
    expect(created.body.startScript).toBe('');
    const { id } = created.body as { id: string };
    // Blank is blank: whitespace only is trimmed to ''.
    const patched = await send(avatarRoute.PATCH, `/api/avatars/${id}`, { method: 'PATCH', body: { startScript: '   ' } }, { id });
    expect(patched).toMatchObject({ status: 200, body: { startScript: '' } });
    expect(sent).toEqual([
      { request: 'POST /v1/avatars', body: { ...WIRE_AVATAR, startScript: '', documentIds: [], imageProcessing: 'optimize' } },
      { request: `PATCH /v1/avatars/${id}`, body: { startScript: '' } },
    ]);
    // Runway keeps it as sent.
    expect((await send(avatarRoute.GET, `/api/avatars/${id}`, {}, { id })).body.startScript).toBe('');
  });

  it('the form’s own bodies for a blank start script: omitted on create (Runway stores null), null on update (clears it)', async () => {
    const sent = recordWrites(fake);
    const blank: AvatarDraft = {
      name: AVATAR.name,
      referenceImage: AVATAR.referenceImage,
      personality: AVATAR.personality,
      startScript: '  ',
      voice: { type: 'preset', presetId: 'vincent' },
      documentIds: [],
      imageProcessing: 'optimize',
    };
    const created = await send(avatarsRoute.POST, '/api/avatars', { body: createBody(blank) });
    expect(created).toMatchObject({ status: 201, body: { startScript: null } });
    const { id } = created.body as { id: string };
    const scripted = await send(avatarRoute.PATCH, `/api/avatars/${id}`, { method: 'PATCH', body: { startScript: 'Hello!' } }, { id });
    const before = draftOf(scripted.body);
    const cleared = await send(
      avatarRoute.PATCH,
      `/api/avatars/${id}`,
      { method: 'PATCH', body: updateBody(before, { ...before, startScript: '' }) },
      { id },
    );
    expect(cleared).toMatchObject({ status: 200, body: { startScript: null } });
    expect(sent.map(({ body }) => body)).toEqual([
      { ...WIRE_AVATAR, documentIds: [], imageProcessing: 'optimize' },
      { startScript: 'Hello!' },
      { startScript: null },
    ]);
    expect(sent[0]!.body).not.toHaveProperty('startScript');
  });

  it('lists a cursor page at a time and walks nextCursor to the end', async () => {
    for (let i = 0; i < 5; i += 1) await createAvatar({ name: `Avatar ${i}` });
    const names: string[] = [];
    const cursors: string[] = [];
    let cursor: string | null = null;
    do {
      const path: string = `/api/avatars?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const { body } = await send(avatarsRoute.GET, path);
      names.push(...body.items.map((avatar: { name: string }) => avatar.name));
      cursor = body.nextCursor;
      if (cursor) cursors.push(cursor);
    } while (cursor);
    expect(names.sort()).toEqual(['Ada', 'Avatar 0', 'Avatar 1', 'Avatar 2', 'Avatar 3', 'Avatar 4']);
    // The emulator issues cursors as Runway may: `+`, `/`, `=`, `.`, and one of 996 characters.
    expect(cursors.every((value) => /[+/=.]/.test(value))).toBe(true);
    expect(Math.max(...cursors.map((value) => value.length))).toBe(996);
    expect((await send(avatarsRoute.GET, '/api/avatars?limit=101')).status).toBe(400);
    expect((await send(avatarsRoute.GET, '/api/avatars?limit=0')).status).toBe(400);
  });

  it('deletes (204), then answers 404; a malformed id is a 400', async () => {
    const created = await createAvatar();
    expect((await send(avatarRoute.DELETE, `/api/avatars/${created.id}`, { method: 'DELETE' }, { id: created.id })).status).toBe(204);
    expect((await send(avatarRoute.GET, `/api/avatars/${created.id}`, {}, { id: created.id })).status).toBe(404);
    expect((await send(avatarRoute.GET, '/api/avatars/nope', {}, { id: 'nope' })).status).toBe(400);
  });
});

describe('/api/documents', () => {
  useRunwayFake({ processingMs: PROCESSING_MS });
  beforeEach(signInAdmin);

  it('creates, reads, edits (PATCH reads the document back), lists with usedBy, deletes', async () => {
    const created = await send(documentsRoute.POST, '/api/documents', { body: { name: 'FAQ', content: '# Questions' } });
    expect(created.status).toBe(201);
    const { id } = created.body;
    await createAvatar({ documentIds: [id] });
    const edited = await send(documentRoute.PATCH, `/api/documents/${id}`, { method: 'PATCH', body: { content: '# Answers' } }, { id });
    expect(edited.body).toMatchObject({ name: 'FAQ', content: '# Answers', usedBy: [{ name: 'Nova' }] });
    const list = await send(documentsRoute.GET, '/api/documents?sort=createdAt&order=asc');
    expect(list.body.items).toEqual([expect.objectContaining({ id, usedBy: [expect.objectContaining({ name: 'Nova' })] })]);
    expect(list.body.items[0]).not.toHaveProperty('content');
    expect((await send(documentRoute.DELETE, `/api/documents/${id}`, { method: 'DELETE' }, { id })).status).toBe(204);
    expect((await send(documentRoute.GET, `/api/documents/${id}`, {}, { id })).status).toBe(404);
  });

  it('lists a cursor page at a time: walking nextCursor to the end sees every document once, whatever the cursor’s characters', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i += 1) {
      ids.push((await send(documentsRoute.POST, '/api/documents', { body: { name: `Doc ${i}`, content: `# Part ${i}` } })).body.id);
    }
    for (const order of ['desc', 'asc']) {
      const seen: string[] = [];
      const cursors: string[] = [];
      let cursor: string | null = null;
      do {
        const query = new URLSearchParams({ limit: '2', sort: 'createdAt', order, ...(cursor ? { cursor } : {}) });
        const { status, body } = await send(documentsRoute.GET, `/api/documents?${query}`);
        expect(status).toBe(200);
        expect(body.items.length).toBeLessThanOrEqual(2);
        seen.push(...body.items.map((document: { id: string }) => document.id));
        cursor = body.nextCursor;
        if (cursor) cursors.push(cursor);
      } while (cursor);
      expect(seen).toHaveLength(7);
      expect([...seen].sort()).toEqual([...ids].sort());
      // Three next pages, on cursors as Runway may issue them: `+`, `/`, `=` and `.`, one of 996 characters.
      expect(cursors).toHaveLength(3);
      for (const character of ['+', '/', '=', '.']) expect(cursors.every((value) => value.includes(character))).toBe(true);
      expect(cursors.map((value) => value.length)).toContain(996);
    }
  });

  it('takes a 200 000-character document (over the usual 16 KB JSON limit) and refuses one character more', async () => {
    expect((await send(documentsRoute.POST, '/api/documents', { body: { name: 'Big', content: 'x'.repeat(200_000) } })).status).toBe(201);
    const over = await send(documentsRoute.POST, '/api/documents', { body: { name: 'Big', content: 'x'.repeat(200_001) } });
    expect(over.status).toBe(400);
    expect(over.body.error.details[0].path).toBe('body.content');
  });

  it.each([
    ['an empty name', { name: '', content: 'a' }],
    ['a 256-character name', { name: 'n'.repeat(256), content: 'a' }],
    ['whitespace-only content', { name: 'n', content: '   ' }],
    ['an unknown field', { name: 'n', content: 'a', avatarId: crypto.randomUUID() }],
  ])('refuses %s', async (_label, body) => {
    expect((await send(documentsRoute.POST, '/api/documents', { body })).status).toBe(400);
  });

  it('refuses an unknown sort', async () => {
    expect((await send(documentsRoute.GET, '/api/documents?sort=name')).status).toBe(400);
  });
});

describe('/api/voices', () => {
  useRunwayFake({ processingMs: PROCESSING_MS });
  beforeEach(signInAdmin);

  const DESIGN = { name: 'Narrator', from: { type: 'text', prompt: 'A warm, calm narrator voice.', model: 'eleven_ttv_v3' } };

  it('designs a voice: create answers with the voice PROCESSING, which turns READY', async () => {
    const created = await send(voicesRoute.POST, '/api/voices', { body: DESIGN });
    expect(created).toMatchObject({ status: 201, body: { name: 'Narrator', status: 'processing', previewUrl: null } });
    await waitForProcessing();
    const { body } = await send(voiceRoute.GET, `/api/voices/${created.body.id}`, {}, { id: created.body.id });
    expect(body).toMatchObject({ status: 'ready', previewUrl: expect.stringMatching(/^https:\/\/api\.runway\.test\/media\/voices\//) });
  });

  it('previews a prompt before saving', async () => {
    const { status, body } = await send(voicePreviewRoute.POST, '/api/voices/preview', {
      body: { prompt: DESIGN.from.prompt, model: 'eleven_multilingual_ttv_v2' },
    });
    expect(status).toBe(200);
    expect(body).toEqual({ url: expect.stringMatching(/^https:\/\/api\.runway\.test\/media\/previews\//), durationSeconds: 1.5 });
  });

  it.each([
    ['a 19-character prompt', { ...DESIGN, from: { ...DESIGN.from, prompt: 'p'.repeat(19) } }],
    ['a 1001-character prompt', { ...DESIGN, from: { ...DESIGN.from, prompt: 'p'.repeat(1001) } }],
    ['an unknown model', { ...DESIGN, from: { ...DESIGN.from, model: 'eleven_v9' } }],
    ['an audio URL that is not an upload', { name: 'Me', from: { type: 'audio', audio: 'https://example.com/me.mp3' } }],
    ['a 101-character name', { ...DESIGN, name: 'n'.repeat(101) }],
    ['a 1025-character description', { ...DESIGN, description: 'd'.repeat(1025) }],
  ])('refuses %s', async (_label, body) => {
    expect((await send(voicesRoute.POST, '/api/voices', { body })).status).toBe(400);
  });

  it('takes a description of up to 1024 characters, Runway’s limit', async () => {
    const created = await send(voicesRoute.POST, '/api/voices', { body: { ...DESIGN, description: 'd'.repeat(1024) } });
    expect(created).toMatchObject({ status: 201, body: { description: 'd'.repeat(1024) } });
  });

  it('renames, lists and deletes; an avatar keeps the deleted voice, marked deleted', async () => {
    const { body: voice } = await send(voicesRoute.POST, '/api/voices', { body: DESIGN });
    await waitForProcessing();
    const renamed = await send(
      voiceRoute.PATCH,
      `/api/voices/${voice.id}`,
      { method: 'PATCH', body: { name: 'Storyteller' } },
      { id: voice.id },
    );
    expect(renamed.body.name).toBe('Storyteller');
    const avatar = await createAvatar({ voice: { type: 'custom', id: voice.id } });
    expect((await send(voicesRoute.GET, '/api/voices')).body.items.map((item: { name: string }) => item.name)).toEqual(['Storyteller']);
    expect((await send(voiceRoute.DELETE, `/api/voices/${voice.id}`, { method: 'DELETE' }, { id: voice.id })).status).toBe(204);
    const { body } = await send(avatarRoute.GET, `/api/avatars/${avatar.id}`, {}, { id: avatar.id });
    expect(body.voice).toMatchObject({ type: 'custom', id: voice.id, deleted: true });
  });
});

describe('failures', () => {
  const fake = useRunwayFake({ processingMs: PROCESSING_MS });
  beforeEach(signInAdmin);

  it('a revoked API key is a 502 that tells the site owner what to fix, not a 500', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    fake.emulator.handle = async () => Response.json({ error: 'Invalid API key' }, { status: 401 });
    const { status, body } = await send(avatarsRoute.GET, '/api/avatars');
    expect(status).toBe(502);
    expect(body.error).toMatchObject({ code: 'upstream_unauthorized', message: expect.stringMatching(/API key/) });
  });
});
