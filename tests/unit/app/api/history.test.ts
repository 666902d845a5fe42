import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { GET as exportRoute } from '@/app/api/conversations/[id]/export/route';
import { DELETE as deleteRoute, GET as getRoute } from '@/app/api/conversations/[id]/route';
import { GET as listRoute } from '@/app/api/conversations/route';
import { GET as usageRoute } from '@/app/api/usage/route';
import type { Conversation, ConversationPage } from '@/lib/history/types';
import type { UsageReport } from '@/lib/usage/types';
import { DEMO_AVATAR_ID } from 'runway-emulator';
import { RUNWAY_TEST_URL, useRunwayFake } from '@/tests/msw/runway';
import { server } from '@/tests/msw/server';
import { TestClock, runCall } from 'runway-emulator/testing';
import { jsonRequest, routeContext } from '@/tests/unit/request';
import { signInWithTestPassword, useFreshLimits } from '@/tests/unit/security';

/** /api/conversations and /api/usage in live mode, against the emulator through msw, on a test clock. */

let clock = new TestClock();
let cookie = '';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const get = (path: string) => jsonRequest(path, { headers: { cookie } });
const list = (query = '') => listRoute(get(`/api/conversations${query}`), routeContext({}));
const detail = (id: string) => getRoute(get(`/api/conversations/${id}`), routeContext({ id }));
const remove = (id: string, headers: Record<string, string> = {}) =>
  deleteRoute(jsonRequest(`/api/conversations/${id}`, { method: 'DELETE', headers: { cookie, ...headers } }), routeContext({ id }));
const exportAs = (id: string, format: string) => exportRoute(get(`/api/conversations/${id}/export?format=${format}`), routeContext({ id }));
const usage = (query: string) => usageRoute(get(`/api/usage?${query}`), routeContext({}));

async function page(response: Response) {
  expect(response.status).toBe(200);
  return (await response.json()) as ConversationPage;
}

async function errorOf(response: Response) {
  const body = (await response.json()) as { error: { code: string; message: string } };
  return { status: response.status, code: body.error.code };
}

const TURNS = [
  { role: 'assistant' as const, content: 'Hi, I am Ada. Ask me anything about this starter.' },
  { role: 'user' as const, content: 'What does it cost?' },
  { role: 'assistant' as const, content: null, toolCalls: [{ name: 'show_pricing', arguments: { plan: 'pro' } }] },
];

describe('history routes', () => {
  const fake = useRunwayFake({ now: () => clock.value });
  useFreshLimits();
  beforeEach(async () => {
    clock = new TestClock();
    cookie = await signInWithTestPassword();
  });

  describe('GET /api/conversations', () => {
    it('pages newest first: 20, then the rest through the cursor', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 25; i += 1) ids.push(await runCall(fake.emulator, clock, { seconds: 20 }));
      const first = await page(await list());
      expect(first.conversations.map((row) => row.id)).toEqual(ids.slice(5).reverse());
      expect(first.conversations[0]).toEqual({
        id: ids[24],
        name: 'Call with Mochi',
        status: 'ended',
        avatar: { kind: 'preset', id: 'cat-character', name: 'Mochi' },
        createdAt: expect.any(String),
        durationSeconds: 20,
        hasTools: false,
      });
      // Runway's cursors are opaque; the emulator's carry `+`, `/`, `=` and `.` to prove they survive the trip.
      expect(first.nextCursor).toMatch(/^c1\.[+/]{4}.*=/);
      const second = await page(await list(`?${new URLSearchParams({ cursor: first.nextCursor! })}`));
      expect(second.conversations.map((row) => row.id)).toEqual(ids.slice(0, 5).reverse());
      expect(second.nextCursor).toBeNull();
    });

    it('filters by status, tools and preset avatar on our side, and says how many it read', async () => {
      const tool = [{ type: 'client_event', name: 'show_pricing', description: 'Shows pricing' }];
      const failed: string[] = [];
      for (let i = 0; i < 30; i += 1) {
        if (i % 10 === 0) {
          fake.emulator.control.queueFaults(['fail']);
          failed.push(await runCall(fake.emulator, clock));
        } else {
          await runCall(
            fake.emulator,
            clock,
            i % 3 === 0 ? { tools: tool, avatar: { type: 'runway-preset', presetId: 'tennis-coach' } } : {},
          );
        }
      }
      const failures = await page(await list('?status=failed'));
      expect(failures.conversations.map((row) => row.id)).toEqual([...failed].reverse());
      expect(failures.scanned).toBe(30);
      expect(failures.nextCursor).toBeNull();

      const withTools = await page(await list('?tools=with'));
      expect(withTools.conversations).toHaveLength(9);
      expect(withTools.conversations.every((row) => row.hasTools && row.avatar?.id === 'tennis-coach')).toBe(true);
      expect((await page(await list('?avatar=tennis-coach&tools=without'))).conversations).toEqual([]);
      expect((await page(await list('?tools=without&status=ended'))).conversations).toHaveLength(18);
    });

    it('passes a custom avatar and the date range to Runway (end day included)', async () => {
      const demo = await runCall(fake.emulator, clock, { avatar: { type: 'custom', avatarId: DEMO_AVATAR_ID } });
      await runCall(fake.emulator, clock);
      clock.advance(86_400_000);
      const nextDay = await runCall(fake.emulator, clock, { avatar: { type: 'custom', avatarId: DEMO_AVATAR_ID } });

      expect((await page(await list(`?avatar=${DEMO_AVATAR_ID}`))).conversations.map((row) => row.id)).toEqual([nextDay, demo]);
      expect((await page(await list('?from=2026-11-20&to=2026-11-20'))).conversations).toHaveLength(2);
      expect((await page(await list('?from=2026-11-21'))).conversations.map((row) => row.id)).toEqual([nextDay]);
      // An empty form field means "not set".
      expect((await page(await list('?avatar=&status=&from=&to=&tools='))).conversations).toHaveLength(3);
    });

    it.each([
      ['?status=done', 'an unknown status'],
      ['?from=2026-13-01', 'an impossible date'],
      ['?from=2026-11-21&to=2026-11-20', 'a start after the end'],
      ['?avatar=not-an-avatar', 'an unknown avatar id'],
      ['?tools=maybe', 'an unknown tools filter'],
      ['?limit=5', 'an unknown parameter'],
      [`?cursor=${'a'.repeat(1001)}`, 'a cursor longer than Runway’s 1000 characters'],
    ])('refuses %s (%s) with 400 and never asks Runway', async (query) => {
      expect(await errorOf(await list(query))).toEqual({ status: 400, code: 'invalid_request' });
      expect(fake.requests).toEqual([]);
    });

    it('turns Runway failures into our error shape: 401 → 502, 500 → 503', async () => {
      const log = vi.spyOn(console, 'error').mockImplementation(() => {});
      server.use(
        http.get(`${RUNWAY_TEST_URL}/v1/avatar_conversations`, () => HttpResponse.json({ error: 'Invalid API key' }, { status: 401 })),
      );
      expect(await errorOf(await list())).toEqual({ status: 502, code: 'upstream_unauthorized' });
      // `x-should-retry: false` skips the SDK's own retries of a 500, which are not what this test is about.
      const failing = () => HttpResponse.json({ error: 'boom' }, { status: 500, headers: { 'x-should-retry': 'false' } });
      server.use(http.get(`${RUNWAY_TEST_URL}/v1/avatar_conversations`, failing));
      const response = await list();
      expect(await errorOf(response)).toEqual({ status: 503, code: 'upstream_unavailable' });
      expect(log).toHaveBeenCalledWith(expect.stringMatching(/^\[api\] GET \/api\/conversations → upstream_unavailable/));
    });

    it('is admin only', async () => {
      const response = await listRoute(jsonRequest('/api/conversations'), routeContext({}));
      expect(await errorOf(response)).toEqual({ status: 401, code: 'unauthorized' });
    });
  });

  describe('GET and DELETE /api/conversations/[id]', () => {
    it('returns the transcript with tool calls, and a new recording link on every request that plays until it expires', async () => {
      const tools = [{ type: 'client_event', name: 'show_pricing', description: 'Shows pricing' }];
      const id = await runCall(fake.emulator, clock, {
        avatar: { type: 'custom', avatarId: DEMO_AVATAR_ID },
        tools,
        turns: TURNS,
        seconds: 61,
      });
      const response = await detail(id);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const conversation = (await response.json()) as Conversation;
      expect(conversation).toMatchObject({
        id,
        status: 'ended',
        avatar: { kind: 'custom', id: DEMO_AVATAR_ID, name: 'Ada' },
        avatarImageUrl: '/avatars/ada.svg',
        durationSeconds: 61,
        hasTools: true,
        tools: [{ name: 'show_pricing', type: 'client_event' }],
        failure: null,
      });
      expect(
        conversation.transcript.map((turn) => [turn.role, turn.content, turn.toolCalls.map((call) => call.name), turn.toolResults]),
      ).toEqual([
        ['assistant', TURNS[0]!.content, [], []],
        ['user', 'What does it cost?', [], []],
        ['assistant', null, ['show_pricing'], []],
      ]);

      const again = (await (await detail(id)).json()) as Conversation;
      expect(again.recordingUrl).not.toBe(conversation.recordingUrl);
      for (const url of [conversation.recordingUrl!, again.recordingUrl!]) expect((await fetch(url)).status).toBe(200);
      clock.advance(24 * 3600_000 + 1);
      expect((await fetch(conversation.recordingUrl!)).status).toBe(403);
      expect((await fetch(((await (await detail(id)).json()) as Conversation).recordingUrl!)).status).toBe(200);
    });

    it('reports a failed conversation’s code, our message and Runway’s text', async () => {
      fake.emulator.control.queueFaults(['fail']);
      const id = await runCall(fake.emulator, clock);
      const conversation = (await (await detail(id)).json()) as Conversation;
      expect(conversation).toMatchObject({
        status: 'failed',
        recordingUrl: null,
        transcript: [],
        failure: {
          code: 'INTERNAL',
          message: 'The avatar could not start. Please try again.',
          detail: 'The avatar worker failed to start.',
        },
      });
    });

    it('404s an unknown conversation and 400s an id that is not a UUID, before asking Runway', async () => {
      expect(await errorOf(await detail(UNKNOWN_ID))).toEqual({ status: 404, code: 'not_found' });
      expect(fake.requests).toEqual([`GET /v1/avatar_conversations/${UNKNOWN_ID}`]);
      expect(await errorOf(await detail('not-a-uuid'))).toEqual({ status: 400, code: 'invalid_request' });
      expect(fake.requests).toHaveLength(1);
    });

    it('deletes: 204, then 404; a cross-site delete is refused and deletes nothing', async () => {
      const id = await runCall(fake.emulator, clock);
      expect(await errorOf(await remove(id, { 'sec-fetch-site': 'cross-site' }))).toEqual({ status: 403, code: 'forbidden' });
      expect((await detail(id)).status).toBe(200);
      const deleted = await remove(id);
      expect(deleted.status).toBe(204);
      expect(await errorOf(await detail(id))).toEqual({ status: 404, code: 'not_found' });
      expect(await errorOf(await remove(id))).toEqual({ status: 404, code: 'not_found' });
    });
  });

  describe('GET /api/conversations/[id]/export', () => {
    it('downloads Markdown with the transcript and tool calls, and JSON without the expiring link', async () => {
      const id = await runCall(fake.emulator, clock, { avatar: { type: 'custom', avatarId: DEMO_AVATAR_ID }, turns: TURNS });
      const markdown = await exportAs(id, 'markdown');
      expect(markdown.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
      expect(markdown.headers.get('content-disposition')).toBe(`attachment; filename="conversation-${id}.md"`);
      const text = await markdown.text();
      expect(text).toContain('# Call with Ada');
      expect(text).toMatch(/\*\*Assistant\*\* · 2026-11-20 10:00:\d\d UTC\n\nHi, I am Ada\. Ask me anything about this starter\./);
      expect(text).toContain('- Tool call `show_pricing` `{"plan":"pro"}`');

      const json = await exportAs(id, 'json');
      expect(json.headers.get('content-disposition')).toBe(`attachment; filename="conversation-${id}.json"`);
      const body = (await json.json()) as Record<string, unknown>;
      expect(body).not.toHaveProperty('recordingUrl');
      expect(body).toMatchObject({ id, hasRecording: true, transcript: expect.any(Array) });
    });

    it('refuses an unknown format with 400', async () => {
      expect(await errorOf(await exportAs(UNKNOWN_ID, 'pdf'))).toEqual({ status: 400, code: 'invalid_request' });
    });
  });

  describe('GET /api/usage', () => {
    it('sums the conversations’ minutes and sessions per day, with the estimated cost at $0.20 per minute', async () => {
      await runCall(fake.emulator, clock, { seconds: 90 });
      await runCall(fake.emulator, clock, { seconds: 30 });
      fake.emulator.control.queueFaults(['fail']);
      await runCall(fake.emulator, clock);
      const response = await usage('from=2026-11-19&to=2026-11-21');
      expect(response.status).toBe(200);
      const report = (await response.json()) as UsageReport;
      expect(report).toEqual({
        from: '2026-11-19',
        to: '2026-11-21',
        totalSeconds: 120,
        totalSessions: 3,
        avgDurationSeconds: 60,
        estimatedCostUsd: 0.4,
        days: [
          { date: '2026-11-19', seconds: 0, sessions: 0 },
          { date: '2026-11-20', seconds: 120, sessions: 3 },
          { date: '2026-11-21', seconds: 0, sessions: 0 },
        ],
      });
    });

    it.each([
      ['from=2026-08-01&to=2026-10-30', '91 days'],
      ['from=2026-11-21&to=2026-11-20', 'a start after the end'],
      ['from=2026-11-20', 'no end'],
      ['from=20261120&to=20261121', 'dates in another format'],
    ])('refuses %s (%s) with 400', async (query) => {
      expect(await errorOf(await usage(query))).toEqual({ status: 400, code: 'invalid_request' });
      expect(fake.requests).toEqual([]);
    });

    it('accepts exactly 90 days', async () => {
      const report = (await (await usage('from=2026-08-23&to=2026-11-20')).json()) as UsageReport;
      expect(report.days).toHaveLength(90);
    });
  });
});
