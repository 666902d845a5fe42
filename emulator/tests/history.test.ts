import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO_AVATAR_ID, createEmulator, type RunwayEmulator } from '../src/index';
import { FAST_TIMINGS } from '../src/testing/calls';
import { TestClock, call, runCall } from '../src/testing/calls';

/** The emulator's conversations, usage, media links and avatar-video tasks, derived from the sessions it ran. */

let clock: TestClock;
let emulator: RunwayEmulator;

beforeEach(() => {
  clock = new TestClock();
  emulator = createEmulator({ ...FAST_TIMINGS, videoMs: 4000, now: clock.now });
});

const json = async <T = Record<string, unknown>>(response: Response) => (await response.json()) as T;
const retrieve = (id: string) => call(emulator, 'GET', `/v1/avatar_conversations/${id}`);
const list = async (query = '') =>
  json<{ data: Array<Record<string, unknown>>; hasMore: boolean; nextCursor: string | null }>(
    await call(emulator, 'GET', `/v1/avatar_conversations${query}`),
  );

const ADA_TURNS = [
  { role: 'assistant' as const, content: 'Hi, I am Ada. Ask me anything about this starter.' },
  { role: 'user' as const, content: 'Show me pricing' },
  { role: 'assistant' as const, content: null, toolCalls: [{ name: 'show_card', arguments: { title: 'Pricing' } }] },
];

describe('conversations derived from sessions', () => {
  it('a hung-up call is an ended conversation with its transcript, tools, duration and a recording', async () => {
    const tools = [{ type: 'client_event', name: 'show_card', description: 'Shows a card' }];
    const id = await runCall(emulator, clock, {
      avatar: { type: 'custom', avatarId: DEMO_AVATAR_ID },
      tools,
      turns: ADA_TURNS,
      seconds: 65,
    });
    const response = await retrieve(id);
    expect(response.status).toBe(200);
    const conversation = await json(response);
    expect(conversation).toMatchObject({
      id,
      status: 'ended',
      avatar: { type: 'custom', id: DEMO_AVATAR_ID, name: 'Ada', imageUrl: '/avatars/ada.svg' },
      duration: 65,
      maxDuration: null,
      tools: [{ name: 'show_card', description: 'Shows a card', type: 'client_event' }],
    });
    expect(Date.parse(conversation.endedAt as string) - Date.parse(conversation.startedAt as string)).toBe(65_000);
    expect(conversation.recordingUrl).toMatch(
      /^https:\/\/api\.runway\.test\/media\/recordings\/[0-9a-f-]{36}\?expires=\d+&nonce=[\w-]+&signature=[\w-]+$/,
    );
    expect(conversation.transcript).toEqual([
      { role: 'assistant', content: 'Hi, I am Ada. Ask me anything about this starter.', timestamp: expect.stringMatching(/Z$/) },
      { role: 'user', content: 'Show me pricing', timestamp: expect.any(String) },
      // A client_event call is fire-and-forget: a call, and no result.
      {
        role: 'assistant',
        content: null,
        timestamp: expect.any(String),
        toolCalls: [{ id: 'call_2_0', name: 'show_card', arguments: { title: 'Pricing' } }],
      },
    ]);
  });

  it('a cancelled call ended with no transcript and no recording; a failed one carries its failure; an unjoined one is in progress', async () => {
    const cancelled = await runCall(emulator, clock, { turns: ADA_TURNS, end: 'cancel' });
    emulator.control.queueFaults(['fail']);
    const failed = await runCall(emulator, clock);
    const pending = await runCall(emulator, clock, { end: 'never-joined' });
    const running = await runCall(emulator, clock, { turns: ADA_TURNS.slice(0, 1), end: 'running', seconds: 10 });

    expect(await json(await retrieve(cancelled))).toMatchObject({ status: 'ended', transcript: [], recordingUrl: null, duration: 65 });
    expect(await json(await retrieve(failed))).toMatchObject({
      status: 'failed',
      failureCode: 'INTERNAL',
      failure: 'The avatar worker failed to start.',
      startedAt: null,
      endedAt: null,
      duration: null,
      recordingUrl: null,
      transcript: [],
    });
    expect(await json(await retrieve(pending))).toMatchObject({
      status: 'in_progress',
      startedAt: null,
      duration: null,
      recordingUrl: null,
    });
    expect(await json(await retrieve(running))).toMatchObject({ status: 'in_progress', duration: 10, transcript: [{ role: 'assistant' }] });
    // Listed newest first, with the list item's own shape (the preset's name, no transcript).
    const { data } = await list();
    expect(data.map((item) => item.id)).toEqual([running, pending, failed, cancelled]);
    expect(data[0]).toEqual({
      id: running,
      avatar: { type: 'runway-preset', presetId: 'cat-character', name: 'Mochi' },
      createdAt: expect.any(String),
      duration: 10,
      hasTools: false,
      name: 'Call with Mochi',
      status: 'in_progress',
    });
    // The detail's preset avatar has no name, as in the SDK's retrieve type.
    expect((await json(await retrieve(running))).avatar).toEqual({ type: 'runway-preset', presetId: 'cat-character' });
  });

  it('pages newest first with a cursor, and filters by custom avatar and by creation date (start inclusive, end exclusive)', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      ids.push(await runCall(emulator, clock, { avatar: i % 2 ? { type: 'custom', avatarId: DEMO_AVATAR_ID } : undefined }));
      clock.advance(3600_000);
    }
    const first = await list('?limit=2');
    expect(first.data.map((item) => item.id)).toEqual([ids[4], ids[3]]);
    expect(first.hasMore).toBe(true);
    const second = await list(`?limit=2&cursor=${encodeURIComponent(first.nextCursor!)}`);
    expect(second.data.map((item) => item.id)).toEqual([ids[2], ids[1]]);
    const last = await list(`?limit=2&cursor=${encodeURIComponent(second.nextCursor!)}`);
    expect(last).toEqual({ data: [expect.objectContaining({ id: ids[0] })], hasMore: false, nextCursor: null });

    expect((await list(`?avatar=${DEMO_AVATAR_ID}`)).data.map((item) => item.id)).toEqual([ids[3], ids[1]]);
    const created = (await list()).data.map((item) => item.createdAt as string).reverse();
    const window = (await list(`?startDate=${created[1]}&endDate=${created[3]}`)).data.map((item) => item.id);
    expect(window).toEqual([ids[2], ids[1]]);
  });

  it.each([
    ['limit=0', 'limit 0'],
    ['limit=101', 'limit 101'],
    ['startDate=yesterday', 'a date that is not ISO'],
    ['avatar=cat-character', 'a preset as avatar (the API filters custom avatars only)'],
    ['cursor=bm9wZQ', 'a cursor it never issued'],
    ['startDate=2026-11-21T00:00:00Z&endDate=2026-11-20T00:00:00Z', 'a start after the end'],
    ['status=ended', 'an unknown parameter'],
  ])('refuses ?%s (%s) with 400', async (query) => {
    const response = await call(emulator, 'GET', `/v1/avatar_conversations?${query}`);
    expect(response.status).toBe(400);
    expect(await json(response)).toHaveProperty('error');
  });

  it('deletes a conversation: 204, then 404 and gone from the list; a second delete is 404', async () => {
    const id = await runCall(emulator, clock);
    expect((await call(emulator, 'DELETE', `/v1/avatar_conversations/${id}`)).status).toBe(204);
    expect((await retrieve(id)).status).toBe(404);
    expect((await list()).data).toEqual([]);
    expect((await call(emulator, 'DELETE', `/v1/avatar_conversations/${id}`)).status).toBe(404);
    expect((await retrieve('00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});

describe('recording links', () => {
  it('every retrieve signs a new link; each plays; a tampered, expired or deleted one is refused', async () => {
    const id = await runCall(emulator, clock);
    const first = (await json(await retrieve(id))).recordingUrl as string;
    const second = (await json(await retrieve(id))).recordingUrl as string;
    expect(second).not.toBe(first);
    for (const url of [first, second]) {
      const media = await emulator.handle(new Request(url));
      expect(media.status).toBe(200);
      expect(media.headers.get('content-type')).toBe('audio/wav');
      const bytes = new Uint8Array(await media.arrayBuffer());
      expect(new TextDecoder().decode(bytes.slice(0, 4))).toBe('RIFF');
    }
    const tampered = first.replace(/signature=(.)/, (_m, c: string) => `signature=${c === 'A' ? 'B' : 'A'}`);
    expect((await emulator.handle(new Request(tampered))).status).toBe(403);
    const otherId = first.replace(id, '00000000-0000-4000-8000-000000000000');
    expect((await emulator.handle(new Request(otherId))).status).toBe(403);

    clock.advance(24 * 3600_000);
    const expired = await emulator.handle(new Request(first));
    expect(expired.status).toBe(403);
    expect(await json(expired)).toEqual({ error: 'Request has expired' });

    const fresh = (await json(await retrieve(id))).recordingUrl as string;
    await call(emulator, 'DELETE', `/v1/avatar_conversations/${id}`);
    expect((await emulator.handle(new Request(fresh))).status).toBe(404);
  });
});

describe('usage', () => {
  const usage = async (query: string) => call(emulator, 'GET', `/v1/avatar_usage?${query}`);

  it('aggregates sessions and measured seconds per UTC day, with empty days as zeroes, and counts deleted conversations', async () => {
    const first = await runCall(emulator, clock, { seconds: 60 });
    await runCall(emulator, clock, { seconds: 30, end: 'cancel' });
    emulator.control.queueFaults(['fail']);
    await runCall(emulator, clock);
    clock.advance(2 * 86_400_000);
    await runCall(emulator, clock, { seconds: 90 });
    await call(emulator, 'DELETE', `/v1/avatar_conversations/${first}`);

    const response = await usage('startDate=2026-11-19T00:00:00.000Z&endDate=2026-11-23T00:00:00.000Z');
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({
      totalSeconds: 180,
      totalSessions: 4,
      avgDurationSeconds: 60,
      byDay: [
        { date: '2026-11-19', seconds: 0, sessions: 0 },
        { date: '2026-11-20', seconds: 90, sessions: 3 },
        { date: '2026-11-21', seconds: 0, sessions: 0 },
        { date: '2026-11-22', seconds: 90, sessions: 1 },
      ],
    });
  });

  it('reports avgDurationSeconds as an integer, as Runway does', async () => {
    await runCall(emulator, clock, { seconds: 10 });
    await runCall(emulator, clock, { seconds: 11 });
    const body = await json<{ avgDurationSeconds: number }>(
      await usage('startDate=2026-11-19T00:00:00.000Z&endDate=2026-11-23T00:00:00.000Z'),
    );
    expect(body.avgDurationSeconds).toBe(11);
  });

  it.each([
    ['', 'no dates'],
    ['startDate=2026-11-19T00:00:00Z', 'no end'],
    ['startDate=2026-08-01T00:00:00Z&endDate=2026-11-01T00:00:00Z', 'more than 90 days'],
    ['startDate=2026-11-19T00:00:00Z&endDate=2026-11-19T00:00:00Z', 'an empty range'],
    ['startDate=2026-11-19&endDate=2026-11-20', 'dates without a time'],
  ])('refuses %s (%s) with 400', async (query) => {
    expect((await usage(query)).status).toBe(400);
  });
});

describe('avatar videos and tasks', () => {
  const create = (body: unknown) => call(emulator, 'POST', '/v1/avatar_videos', body);
  const task = async (id: string) => json(await call(emulator, 'GET', `/v1/tasks/${id}`));
  const textBody = (speech: Record<string, unknown>) => ({
    model: 'gwm1_avatars',
    avatar: { type: 'runway-preset', presetId: 'cat-character' },
    speech,
  });

  it('a task goes PENDING → RUNNING with progress → SUCCEEDED with an expiring output link that plays', async () => {
    const created = await create(textBody({ type: 'text', text: 'Hello there', voice: { type: 'preset', presetId: 'clara' } }));
    expect(created.status).toBe(200);
    const { id } = await json<{ id: string }>(created);
    expect(await task(id)).toMatchObject({ id, status: 'PENDING', estimatedCost: { credits: expect.any(Number) } });
    clock.advance(2500);
    expect(await task(id)).toMatchObject({ status: 'RUNNING', progress: 0.5 });
    clock.advance(1500);
    const done = await task(id);
    expect(done).toMatchObject({ status: 'SUCCEEDED', output: [expect.stringContaining(`/media/videos/${id}?`)] });
    expect((await emulator.handle(new Request((done.output as string[])[0]!))).status).toBe(200);
  });

  it('the video-fail fault fails the next task, and does not touch session faults', async () => {
    expect(emulator.control.queueFaults(['video-fail'])).toEqual(['video-fail']);
    const id = await runCall(emulator, clock);
    expect((await json(await retrieve(id))).status).toBe('ended');
    const { id: taskId } = await json<{ id: string }>(await create(textBody({ type: 'text', text: 'Hi' })));
    clock.advance(5000);
    expect(await task(taskId)).toMatchObject({
      status: 'FAILED',
      failureCode: 'INTERNAL.BAD_OUTPUT.CODE01',
      failure: expect.any(String),
      cost: { credits: 0 },
    });
  });

  it.each([
    ['the avatars voice discriminator', textBody({ type: 'text', text: 'Hi', voice: { type: 'runway-live-preset', presetId: 'clara' } })],
    ['5001 characters (Runway allows 5000)', textBody({ type: 'text', text: 'a'.repeat(5001) })],
    ['empty text', textBody({ type: 'text', text: '' })],
    ['an unknown voice', textBody({ type: 'text', text: 'Hi', voice: { type: 'preset', presetId: 'hal' } })],
    ['an audio URL over http', textBody({ type: 'audio', audio: 'http://example.com/a.mp3' })],
    ['a data URI that is not audio', textBody({ type: 'audio', audio: 'data:image/png;base64,AAAA' })],
  ])('refuses %s with 400', async (_name, body) => {
    expect((await create(body)).status).toBe(400);
  });

  it('accepts a script of 5000 characters, Runway’s limit', async () => {
    expect((await create(textBody({ type: 'text', text: 'a'.repeat(5000) }))).status).toBe(200);
  });

  it('accepts a data:audio URI, 404s an unknown custom avatar or task', async () => {
    expect((await create(textBody({ type: 'audio', audio: 'data:audio/wav;base64,UklGRg==' }))).status).toBe(200);
    const unknown = {
      model: 'gwm1_avatars',
      avatar: { type: 'custom', avatarId: '00000000-0000-4000-8000-000000000000' },
      speech: { type: 'text', text: 'Hi' },
    };
    expect((await create(unknown)).status).toBe(404);
    expect((await call(emulator, 'GET', '/v1/tasks/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});
