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

  /** Twenty different addresses a client could claim, rotated one per request. */
  const rotating = Array.from({ length: 20 }, (_, i) => `198.51.100.${i + 1}`);

  it('by default trusts no forwarded header: every visitor is one client, and rotating X-Forwarded-For does not raise the allowance', async () => {
    await created({ 'x-forwarded-for': rotating[0]! });
    await created({ 'x-forwarded-for': rotating[1]! });
    for (const address of rotating.slice(2)) await expectLimited(await create({ 'x-forwarded-for': address }), TOO_QUICKLY);
    await expectLimited(await create({ 'x-real-ip': '203.0.113.3' }), TOO_QUICKLY);
    await expectLimited(await create(), TOO_QUICKLY);
    expect(creates(fake.requests)).toBe(2);
  });

  it('with TRUSTED_PROXY_HOPS=1 counts each address the proxy saw (the last entry) on its own; rotating the entries before it does not raise the allowance', async () => {
    vi.stubEnv('TRUSTED_PROXY_HOPS', '1');
    await created({ 'x-forwarded-for': `${rotating[0]}, 203.0.113.1` });
    await created({ 'x-forwarded-for': `${rotating[1]}, 203.0.113.1` });
    for (const address of rotating.slice(2)) {
      await expectLimited(await create({ 'x-forwarded-for': `${address}, 203.0.113.1` }), TOO_QUICKLY);
    }
    // Another address the proxy saw is another client.
    await created({ 'x-forwarded-for': '203.0.113.2' });
    await created({ 'x-forwarded-for': '203.0.113.1, 203.0.113.2' });
    // Requests that did not come through the proxy share one allowance.
    await created();
    await created({ 'x-real-ip': '203.0.113.3' });
    await expectLimited(await create(), TOO_QUICKLY);
    expect(creates(fake.requests)).toBe(6);
  });

  it('with TRUSTED_PROXY_HOPS=2 counts the address the outer proxy saw; rotating what the client wrote, or skipping a proxy, does not raise the allowance', async () => {
    vi.stubEnv('TRUSTED_PROXY_HOPS', '2');
    await created({ 'x-forwarded-for': `${rotating[0]}, 203.0.113.1, 10.0.0.2` });
    await created({ 'x-forwarded-for': '203.0.113.1, 10.0.0.3' });
    for (const address of rotating.slice(2)) {
      await expectLimited(await create({ 'x-forwarded-for': `${address}, 203.0.113.1, 10.0.0.2` }), TOO_QUICKLY);
    }
    // Reaching the inner proxy directly gives one entry: the shared client, whatever the client rotates.
    await created({ 'x-forwarded-for': '10.0.0.2' });
    await created({ 'x-forwarded-for': '10.0.0.4' });
    await expectLimited(await create({ 'x-forwarded-for': '10.0.0.5' }), TOO_QUICKLY);
    expect(creates(fake.requests)).toBe(4);
  });

  it('on Vercel counts the address Vercel saw (x-real-ip); rotating X-Forwarded-For does not raise the allowance', async () => {
    vi.stubEnv('VERCEL', '1');
    await created({ 'x-real-ip': '203.0.113.1', 'x-forwarded-for': rotating[0]! });
    await created({ 'x-real-ip': '203.0.113.1', 'x-forwarded-for': rotating[1]! });
    for (const address of rotating.slice(2)) {
      await expectLimited(await create({ 'x-real-ip': '203.0.113.1', 'x-forwarded-for': address }), TOO_QUICKLY);
    }
    await created({ 'x-real-ip': '203.0.113.2' });
    expect(creates(fake.requests)).toBe(3);
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
