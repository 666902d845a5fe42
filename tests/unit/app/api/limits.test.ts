import { describe, expect, it, vi } from 'vitest';
import { DELETE } from '@/app/api/sessions/[id]/route';
import { POST as createRoute } from '@/app/api/sessions/route';
import { useRunwayFake } from '@/tests/msw/runway';
import { jsonRequest, routeContext } from '@/tests/unit/request';
import { GENEROUS_LIMITS, useFreshLimits } from '@/tests/unit/security';

/** The limits as a visitor meets them over HTTP: 429 rate_limited with Retry-After, before Runway is asked. */

function create(headers: Record<string, string> = {}) {
  return createRoute(jsonRequest('/api/sessions', { body: { avatarId: 'cat-character' }, headers }), routeContext({}));
}

async function created(headers: Record<string, string> = {}) {
  const response = await create(headers);
  expect(response.status).toBe(201);
  return (await response.json()) as { sessionId: string; ticket: string };
}

function cancel({ sessionId, ticket }: { sessionId: string; ticket: string }) {
  return DELETE(
    jsonRequest(`/api/sessions/${sessionId}`, { method: 'DELETE', headers: { 'x-session-ticket': ticket } }),
    routeContext({ id: sessionId }),
  );
}

async function expectLimited(response: Response, message: RegExp | string) {
  expect(response.status).toBe(429);
  expect(response.headers.get('cache-control')).toBe('no-store');
  const retryAfter = Number(response.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter) && retryAfter >= 1).toBe(true);
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body).toEqual({ error: { code: 'rate_limited', message: expect.any(String) } });
  if (typeof message === 'string') expect(body.error.message).toBe(message);
  else expect(body.error.message).toMatch(message);
  return retryAfter;
}

const creates = (requests: string[]) => requests.filter((request) => request === 'POST /v1/realtime_sessions').length;

describe('RATE_LIMIT_SESSIONS_PER_MINUTE: new sessions per client', () => {
  const fake = useRunwayFake();
  useFreshLimits({ ...GENEROUS_LIMITS, RATE_LIMIT_SESSIONS_PER_MINUTE: '2' });
  const TOO_QUICKLY = /^You are starting calls too quickly\. Try again in \d+ s\.$/;

  it('answers 429 with Retry-After to the client over the rate, without asking Runway', async () => {
    await created({ 'x-forwarded-for': '203.0.113.1' });
    await created({ 'x-forwarded-for': '203.0.113.1' });
    const retryAfter = await expectLimited(await create({ 'x-forwarded-for': '203.0.113.1' }), TOO_QUICKLY);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(creates(fake.requests)).toBe(2);
  });

  it('counts each client on its own: the last X-Forwarded-For entry (the hop our proxy saw), else X-Real-IP, else one shared “local”', async () => {
    await created({ 'x-forwarded-for': '203.0.113.1' });
    await created({ 'x-forwarded-for': '10.0.0.1, 203.0.113.1' });
    // A forged first entry, or the same address named by X-Real-IP, is still the same client.
    await expectLimited(await create({ 'x-forwarded-for': 'forged, 203.0.113.1' }), TOO_QUICKLY);
    await expectLimited(await create({ 'x-real-ip': '203.0.113.1' }), TOO_QUICKLY);
    // Others are unaffected.
    await created({ 'x-forwarded-for': '203.0.113.2' });
    await created({ 'x-forwarded-for': '203.0.113.1, 10.0.0.1' });
    await created({ 'x-real-ip': '203.0.113.3' });
    await created();
    await created();
    await expectLimited(await create(), TOO_QUICKLY);
  });

  it('is not lifted by cancelling: it counts sessions started, not sessions held', async () => {
    const first = await created({ 'x-forwarded-for': '203.0.113.1' });
    await created({ 'x-forwarded-for': '203.0.113.1' });
    expect((await cancel(first)).status).toBe(204);
    await expectLimited(await create({ 'x-forwarded-for': '203.0.113.1' }), TOO_QUICKLY);
  });
});

describe('MAX_CONCURRENT_SESSIONS: sessions in flight, across clients', () => {
  const fake = useRunwayFake();
  useFreshLimits({ ...GENEROUS_LIMITS, MAX_CONCURRENT_SESSIONS: '2' });
  const BUSY = /^All avatars are busy\. Try again in \d+ s\.$/;

  it('answers 429 “All avatars are busy” at the cap, and admits again once a session is cancelled', async () => {
    const first = await created({ 'x-forwarded-for': '203.0.113.1' });
    await created({ 'x-forwarded-for': '203.0.113.2' });
    await expectLimited(await create({ 'x-forwarded-for': '203.0.113.3' }), BUSY);
    expect(creates(fake.requests)).toBe(2);
    expect((await cancel(first)).status).toBe(204);
    await created({ 'x-forwarded-for': '203.0.113.3' });
    await expectLimited(await create({ 'x-forwarded-for': '203.0.113.4' }), BUSY);
  });

  it('is not released by a cancel that was refused (no ticket)', async () => {
    const first = await created();
    await created();
    const forged = DELETE(jsonRequest(`/api/sessions/${first.sessionId}`, { method: 'DELETE' }), routeContext({ id: first.sessionId }));
    expect((await forged).status).toBe(403);
    await expectLimited(await create(), BUSY);
  });
});

describe('DAILY_SESSION_MINUTES: today’s budget, shared by everyone', () => {
  const fake = useRunwayFake();
  useFreshLimits({ ...GENEROUS_LIMITS, SESSION_MAX_DURATION_SECONDS: '60', DAILY_SESSION_MINUTES: '2' });
  // The sessions holding the minutes are in flight: they may give them back, first looked at 5 s after create.
  const USED_UP = 'Today’s call minutes are held by calls in progress. Try again in 5 s.';

  it('answers 429 once the minutes are reserved, whoever asks', async () => {
    await created({ 'x-forwarded-for': '203.0.113.1' });
    await created({ 'x-forwarded-for': '203.0.113.2' });
    expect(await expectLimited(await create({ 'x-forwarded-for': '203.0.113.3' }), USED_UP)).toBe(5);
    expect(creates(fake.requests)).toBe(2);
  });

  it('gets the minutes of a session cancelled before it ran back', async () => {
    const first = await created({ 'x-forwarded-for': '203.0.113.1' });
    await created({ 'x-forwarded-for': '203.0.113.2' });
    expect((await cancel(first)).status).toBe(204);
    await created({ 'x-forwarded-for': '203.0.113.3' });
    await expectLimited(await create({ 'x-forwarded-for': '203.0.113.4' }), USED_UP);
  });

  it('reserves each session’s whole maxDuration', async () => {
    vi.stubEnv('SESSION_MAX_DURATION_SECONDS', '120');
    await created();
    await expectLimited(await create(), USED_UP);
  });
});
