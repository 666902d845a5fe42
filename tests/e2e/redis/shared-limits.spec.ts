import { expect, test, type APIRequestContext } from '@playwright/test';
import { origin, PORTS } from '../ports';

// Two app instances (PORTS.sharedA and PORTS.sharedB) share one Redis, MAX_CONCURRENT_SESSIONS=2 and
// SESSION_CONSUME_WINDOW_SECONDS=5 (playwright.config.ts).

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

test('sessions abandoned on one instance give their slots back to a visitor on the other within seconds', async ({ request }) => {
  test.setTimeout(60_000);
  const abandoned = [await start(request), await start(request)];
  expect(abandoned.map((session) => session.status)).toEqual([201, 201]);

  // A visitor on instance B waits as long as each 429's Retry-After says.
  const from = Date.now();
  let admitted: Awaited<ReturnType<typeof start>> | undefined;
  for (let tries = 0; tries < 10 && !admitted; tries += 1) {
    const attempt = await start(request, INSTANCE_B);
    if (attempt.status === 201) admitted = attempt;
    else {
      expect(attempt.status).toBe(429);
      await new Promise((resolve) => setTimeout(resolve, Number(attempt.response.headers()['retry-after']) * 1000));
    }
  }
  expect(admitted).toBeDefined();
  // A look 5 s after create finds them READY, then their 5 s window: about 10 s, never the 390 s slot expiry.
  expect((Date.now() - from) / 1000).toBeLessThan(20);

  // Cancelled at Runway by the server, not by their visitor.
  for (const { body } of abandoned) {
    const progress = await request.get(`/api/sessions/${body.sessionId}`, { headers: { 'x-session-ticket': body.ticket! } });
    expect(((await progress.json()) as { phase: string }).phase).toBe('cancelled');
  }
  await request.delete(`${INSTANCE_B}/api/sessions/${admitted!.body.sessionId}`, {
    headers: { 'x-session-ticket': admitted!.body.ticket! },
  });
});
