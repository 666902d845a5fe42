import RunwayML from '@runwayml/sdk';
import { decodeJwt } from 'jose';
import { beforeEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createEmulator, DEMO_AVATAR_ID, type RunwayEmulator } from '../src/index';
import { pngImage } from '../src/testing/media';
import { FAST_TIMINGS } from '../src/testing/calls';
import { API_HEADERS, runCall, TestClock } from '../src/testing/calls';
import { endCall, joinRoom } from '../src/testing/calls';
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

/** An SDK call that must fail: its status and headers, and its body checked against Runway's error shape. */
async function refusal(request: PromiseLike<unknown>) {
  const error = await Promise.resolve(request).then(
    () => new Error('Expected Runway to refuse'),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(RunwayML.APIError);
  const { status, headers, error: body } = error as InstanceType<typeof RunwayML.APIError>;
  return { status, headers, body: conforms(shape.errorBody, body) };
}

/** What the SDK's CursorPage exposes, for any list. */
interface SdkPage {
  data: Array<{ id: string }>;
  nextCursor: string;
  hasNextPage(): boolean;
  getNextPage(): Promise<SdkPage>;
}

/**
 * Walks a list through the SDK both ways the app can: page by page (hasNextPage, getNextPage) and item by item
 * (the list's async iterator). Every item must parse as the SDK's list item type; both walks must see the same
 * items, each once. Answers the ids page by page and the cursors the pages carried.
 */
async function walk(list: () => PromiseLike<SdkPage> & AsyncIterable<{ id: string }>, item: z.ZodType, limit: number) {
  const idOf = (entry: { id: string }) => {
    conforms(item, entry);
    return entry.id;
  };
  const pages: string[][] = [];
  const cursors: string[] = [];
  let page = await list();
  for (;;) {
    pages.push(page.data.map(idOf));
    if (!page.hasNextPage()) break;
    expect(page.data).toHaveLength(limit);
    cursors.push(page.nextCursor);
    page = await page.getNextPage();
  }
  // Runway's null on the last page, as the SDK reads it.
  expect(page.nextCursor).toBe('');
  const iterated: string[] = [];
  for await (const entry of list()) iterated.push(idOf(entry));
  expect(iterated).toEqual(pages.flat());
  expect(new Set(iterated).size).toBe(iterated.length);
  return { pages, cursors, ids: iterated };
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

  it('uploads: POST /v1/uploads answers the presigned form the SDK fills in, and createEphemeral resolves to { uri } alone', async () => {
    const exchanges: Array<{ request: Request; response: Response }> = [];
    const recording = new RunwayML({
      apiKey: 'key_test_0123456789',
      baseURL: 'https://api.runway.test',
      maxRetries: 0,
      fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
        const request = new Request(input, init);
        const copy = request.clone();
        const response = await emulator.handle(request);
        exchanges.push({ request: copy, response: response.clone() });
        return response;
      },
    });
    const result = conforms(
      shape.uploaded,
      await recording.uploads.createEphemeral({ file: new File([new Uint8Array(pngImage())], 'face.png') }),
    );
    const [created, stored] = exchanges;
    expect(exchanges).toHaveLength(2);
    expect(`${created!.request.method} ${new URL(created!.request.url).pathname} ${created!.response.status}`).toBe('POST /v1/uploads 200');
    expect(await created!.request.json()).toEqual({ filename: 'face.png', type: 'ephemeral' });
    const placeholder = conforms(shape.uploadPlaceholder, await created!.response.json());
    expect(result.uri).toBe(placeholder.runwayUri);
    expect(result.uri).toMatch(/^runway:\/\/\S+$/);
    // The storage POST: to uploadUrl, every field as given, the file last; 204 with no body.
    expect(stored!.request.method).toBe('POST');
    expect(stored!.request.url).toBe(placeholder.uploadUrl);
    const form = await stored!.request.formData();
    expect([...form.keys()]).toEqual([...Object.keys(placeholder.fields), 'file']);
    for (const [name, value] of Object.entries(placeholder.fields)) expect(form.get(name)).toBe(value);
    expect(stored!.response.status).toBe(204);
    expect(await stored!.response.text()).toBe('');
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

describe('the list endpoints, walked through the SDK’s CursorPage', () => {
  it('avatars: every item an AvatarListResponse (PROCESSING, READY, FAILED), each once, across pages', async () => {
    const ids = [DEMO_AVATAR_ID, (await client.avatars.create(shape.AVATAR)).id];
    emulator.control.queueFaults(['avatar-fail']);
    ids.push((await client.avatars.create(shape.AVATAR)).id);
    clock.advance(1000);
    for (let i = 0; i < 2; i += 1) ids.push((await client.avatars.create({ ...shape.AVATAR, name: `Nova ${i}` })).id);
    const statuses = new Set((await client.avatars.list({ limit: 100 })).data.map((avatar) => avatar.status));
    expect([...statuses].sort()).toEqual(['FAILED', 'PROCESSING', 'READY']);

    const walked = await walk(() => client.avatars.list({ limit: 2 }), shape.avatar, 2);
    expect(walked.pages.map((page) => page.length)).toEqual([2, 2, 1]);
    expect([...walked.ids].sort()).toEqual([...ids].sort());
    // The emulator's cursors, as Runway's may be: `+`, `/`, `=` and `.`, and one of 996 characters.
    expect(walked.cursors.every((cursor) => /\+/.test(cursor) && /\//.test(cursor) && /=/.test(cursor) && /\./.test(cursor))).toBe(true);
    expect(walked.cursors.map((cursor) => cursor.length)).toContain(996);
  });

  it('documents: every item a DocumentListResponse (no content), each once; a full last page has no next page', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i += 1) ids.push((await client.documents.create({ name: `Doc ${i}`, content: `# ${i}` })).id);
    await client.avatars.update(DEMO_AVATAR_ID, { documentIds: [ids[0]!] });
    for (const order of ['asc', 'desc'] as const) {
      const walked = await walk(() => client.documents.list({ limit: 2, sort: 'updatedAt', order }), shape.documentListItem, 2);
      expect(walked.pages.map((page) => page.length)).toEqual([2, 2]);
      expect([...walked.ids].sort()).toEqual([...ids].sort());
    }
  });

  it('voices: every item a VoiceListResponse (PROCESSING and READY), each once', async () => {
    const design = { type: 'text' as const, prompt: 'A calm and warm narrator voice.', model: 'eleven_ttv_v3' as const };
    const ids = [(await client.voices.create({ name: 'First', from: design })).id];
    clock.advance(1000);
    for (const name of ['Second', 'Third']) ids.push((await client.voices.create({ name, from: design })).id);
    const walked = await walk(() => client.voices.list({ limit: 2 }), shape.voice, 2);
    expect(walked.pages.map((page) => page.length)).toEqual([2, 1]);
    expect([...walked.ids].sort()).toEqual([...ids].sort());
    const statuses = new Set((await client.voices.list({ limit: 100 })).data.map((voice) => voice.status));
    expect([...statuses].sort()).toEqual(['PROCESSING', 'READY']);
  });

  it('conversations: every item an AvatarConversationListResponse (in progress, ended, failed), each once', async () => {
    const ids = [
      await runCall(emulator, clock),
      await runCall(emulator, clock, { avatar: { type: 'custom', avatarId: DEMO_AVATAR_ID }, end: 'cancel' }),
      await runCall(emulator, clock, { end: 'running' }),
      await runCall(emulator, clock, { end: 'never-joined' }),
    ];
    emulator.control.queueFaults(['fail']);
    ids.push(await runCall(emulator, clock));
    const walked = await walk(() => client.avatarConversations.list({ limit: 2 }), shape.conversationListItem, 2);
    expect(walked.pages.map((page) => page.length)).toEqual([2, 2, 1]);
    // Newest first.
    expect(walked.ids).toEqual([...ids].reverse());
    const statuses = new Set((await client.avatarConversations.list({ limit: 100 })).data.map((conversation) => conversation.status));
    expect([...statuses].sort()).toEqual(['ended', 'failed', 'in_progress']);
  });
});

describe('consume and connect_backend, which the SDK has no methods for (the app posts them through the client)', () => {
  const PRESET = { model: 'gwm1_avatars' as const, avatar: { type: 'runway-preset' as const, presetId: 'cat-character' as const } };

  /** A session created now, then READY: its id and session key. */
  async function readySession() {
    const { id } = await client.realtimeSessions.create(PRESET);
    clock.advance(5000);
    const session = await client.realtimeSessions.retrieve(id);
    if (session.status !== 'READY') throw new Error(`Expected READY, got ${session.status}`);
    return { id, sessionKey: session.sessionKey };
  }

  const consume = (id: string, sessionKey: string) =>
    client.post<unknown>(`/v1/realtime_sessions/${id}/consume`, {
      headers: { Authorization: `Bearer ${sessionKey}`, 'Content-Type': 'application/json' },
    });
  const connectBackend = (id: string) => client.post<unknown>(`/v1/realtime_sessions/${id}/connect_backend`);
  const grant = (token: string) => decodeJwt(token) as { sub: string; video: { room: string; hidden: boolean } };

  it('consume: { url, token, roomName } for the visitor, once; a second consume is a 409', async () => {
    const { id, sessionKey } = await readySession();
    const credentials = conforms(shape.roomCredentials, await consume(id, sessionKey));
    expect(credentials.url).toMatch(/^wss?:\/\/[^/]+$/);
    expect(grant(credentials.token)).toMatchObject({
      sub: expect.stringMatching(/^visitor-/),
      video: { room: credentials.roomName, hidden: false },
    });
    const again = await refusal(consume(id, sessionKey));
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ error: 'Session credentials have already been consumed' });
  });

  it('consume: a READY window that has passed is a 409, and the API key instead of the session key a 401', async () => {
    const { id, sessionKey } = await readySession();
    const withApiKey = await refusal(consume(id, 'key_test_0123456789'));
    expect(withApiKey).toMatchObject({ status: 401, body: { error: 'Invalid session key' } });
    clock.advance(FAST_TIMINGS.readyExpiryMs);
    const expired = await refusal(consume(id, sessionKey));
    expect(expired.status).toBe(409);
    expect(expired.body).toEqual({ error: 'Session is FAILED, not READY' });
  });

  it('connect_backend: { url, token, roomName } for a hidden backend, in the visitor’s room, while READY and while RUNNING', async () => {
    const { id, sessionKey } = await readySession();
    const early = conforms(shape.roomCredentials, await connectBackend(id));
    expect(grant(early.token)).toMatchObject({ sub: `backend-${id}`, video: { room: early.roomName, hidden: true } });
    const visitor = conforms(shape.roomCredentials, await consume(id, sessionKey));
    expect(visitor.roomName).toBe(early.roomName);
    expect(joinRoom(emulator.control, visitor.roomName)?.status).toBe('RUNNING');
    const running = conforms(shape.roomCredentials, await connectBackend(id));
    expect(running).toMatchObject({ url: early.url, roomName: early.roomName });
    expect(grant(running.token)).toMatchObject({ sub: `backend-${id}`, video: { hidden: true } });
  });

  it('connect_backend takes the API key, not the session key', async () => {
    const { id, sessionKey } = await readySession();
    const refused = await refusal(
      client.post(`/v1/realtime_sessions/${id}/connect_backend`, { headers: { Authorization: `Bearer ${sessionKey}` } }),
    );
    expect(refused).toMatchObject({ status: 401, body: { error: 'Invalid API key' } });
  });

  it.each([
    ['NOT_READY', async () => (await client.realtimeSessions.create(PRESET)).id],
    [
      'COMPLETED',
      async () => {
        const { id, sessionKey } = await readySession();
        const { roomName } = conforms(shape.roomCredentials, await consume(id, sessionKey));
        joinRoom(emulator.control, roomName);
        endCall(emulator.control, roomName);
        return id;
      },
    ],
    [
      'CANCELLED',
      async () => {
        const { id } = await client.realtimeSessions.create(PRESET);
        await client.realtimeSessions.delete(id);
        return id;
      },
    ],
    [
      'FAILED',
      async () => {
        const { id } = await readySession();
        clock.advance(FAST_TIMINGS.readyExpiryMs);
        return id;
      },
    ],
  ] as const)('connect_backend refuses a %s session with 409 in Runway’s error shape', async (status, make) => {
    const id = await make();
    expect((await client.realtimeSessions.retrieve(id)).status).toBe(status);
    const refused = await refusal(connectBackend(id));
    expect(refused.status).toBe(409);
    expect(refused.body).toEqual({ error: `Session is ${status}; a backend can only join a live session` });
  });

  it('connect_backend answers 404 for an unknown session', async () => {
    const refused = await refusal(connectBackend('00000000-0000-4000-8000-000000000000'));
    expect(refused).toMatchObject({ status: 404, body: { error: 'Realtime session not found' } });
  });

  it.each([
    ['backend-401', 401, 'Invalid API key'],
    ['backend-404', 404, 'Realtime session not found'],
    ['backend-500', 500, 'Internal server error'],
  ] as const)('%s fails the next connect_backend once, with %i in Runway’s error shape', async (fault, status, message) => {
    const { id } = await readySession();
    emulator.control.queueFaults([fault]);
    const refused = await refusal(connectBackend(id));
    expect(refused.status).toBe(status);
    expect(refused.body).toEqual({ error: message });
    expect(emulator.control.queueFaults([])).toEqual([]);
    conforms(shape.roomCredentials, await connectBackend(id));
  });
});

describe('the deletes the app makes, through the SDK', () => {
  it('avatars, documents, voices and conversations: 204 with no body, then a 404 in Runway’s error shape', async () => {
    const { id: voiceId } = await client.voices.create({
      name: 'Mine',
      from: { type: 'text', prompt: 'A calm and warm narrator voice.', model: 'eleven_ttv_v3' },
    });
    const targets = [
      { what: 'Avatar', id: (await client.avatars.create(shape.AVATAR)).id, remove: (id: string) => client.avatars.delete(id) },
      {
        what: 'Document',
        id: (await client.documents.create({ name: 'FAQ', content: '# Answers' })).id,
        remove: (id: string) => client.documents.delete(id),
      },
      { what: 'Voice', id: voiceId, remove: (id: string) => client.voices.delete(id) },
      { what: 'Conversation', id: await runCall(emulator, clock), remove: (id: string) => client.avatarConversations.delete(id) },
    ];
    for (const { what, id, remove } of targets) {
      const { data, response } = await remove(id).withResponse();
      expect({ what, status: response.status, data, text: await response.text() }).toEqual({ what, status: 204, data: null, text: '' });
      const again = await refusal(remove(id));
      expect({ what, status: again.status, body: again.body }).toEqual({ what, status: 404, body: { error: `${what} not found` } });
    }
  });

  it('realtime sessions: 204 with no body; a second delete is a 400 under the default rules, a 204 under the alternate ones', async () => {
    const body = { model: 'gwm1_avatars' as const, avatar: { type: 'runway-preset' as const, presetId: 'cat-character' as const } };
    const { id } = await client.realtimeSessions.create(body);
    const { data, response } = await client.realtimeSessions.delete(id).withResponse();
    expect({ status: response.status, data, text: await response.text() }).toEqual({ status: 204, data: null, text: '' });
    const again = await refusal(client.realtimeSessions.delete(id));
    expect(again.status).toBe(400);
    expect(again.body).toEqual({ error: 'Session is already CANCELLED' });
    const unknown = await refusal(client.realtimeSessions.delete('00000000-0000-4000-8000-000000000000'));
    expect(unknown).toMatchObject({ status: 404, body: { error: 'Realtime session not found' } });

    const alternate = createEmulator({ ...FAST_TIMINGS, cancelRules: 'alternate', now: clock.now });
    const other = new RunwayML({
      apiKey: 'key_test_0123456789',
      baseURL: 'https://api.runway.test',
      fetch: alternate.fetch,
      maxRetries: 0,
    });
    const created = await other.realtimeSessions.create(body);
    await other.realtimeSessions.delete(created.id);
    const second = await other.realtimeSessions.delete(created.id).withResponse();
    expect({ status: second.response.status, data: second.data }).toEqual({ status: 204, data: null });
    expect((await other.realtimeSessions.retrieve(created.id)).status).toBe('CANCELLED');
  });
});
