import { expect, test, type APIRequestContext } from '@playwright/test';
import { origin, PORTS } from '../ports';

// Two app instances (PORTS.sharedA and PORTS.sharedB) share one Redis and MAX_CONCURRENT_SESSIONS=2 (playwright.config.ts).

const INSTANCE_B = origin(PORTS.sharedB);

async function start(request: APIRequestContext, base = '') {
  const response = await request.post(`${base}/api/sessions`, { data: { avatarId: 'cat-character' } });
  return {
    status: response.status(),
    body: (await response.json()) as { sessionId?: string; ticket?: string; error?: { message: string } },
    response,
  };
}

test('the concurrent-session cap holds across two instances sharing Redis', async ({ request }) => {
  const first = await start(request);
  const second = await start(request);
  expect([first.status, second.status]).toEqual([201, 201]);

  // Instance B has never seen these sessions, yet it knows the cap is reached.
  const third = await start(request, INSTANCE_B);
  expect(third.status).toBe(429);
  expect(third.body.error?.message).toMatch(/All avatars are busy/);
  expect(Number(third.response.headers()['retry-after'])).toBeGreaterThan(0);

  // Cancelling on A frees a slot that B can then use.
  const cancel = await request.delete(`/api/sessions/${first.body.sessionId}`, { headers: { 'x-session-ticket': first.body.ticket! } });
  expect(cancel.status()).toBe(204);
  const fourth = await start(request, INSTANCE_B);
  expect(fourth.status).toBe(201);

  for (const session of [second, fourth]) {
    const base = session === fourth ? INSTANCE_B : '';
    await request.delete(`${base}/api/sessions/${session.body.sessionId}`, { headers: { 'x-session-ticket': session.body.ticket! } });
  }
});

test('a session ticket from one instance is honoured by the other', async ({ request }) => {
  const started = await start(request);
  expect(started.status).toBe(201);
  const progress = await request.get(`${INSTANCE_B}/api/sessions/${started.body.sessionId}`, {
    headers: { 'x-session-ticket': started.body.ticket! },
  });
  expect(progress.status()).toBe(200);
  const cancel = await request.delete(`${INSTANCE_B}/api/sessions/${started.body.sessionId}`, {
    headers: { 'x-session-ticket': started.body.ticket! },
  });
  expect(cancel.status()).toBe(204);
});
