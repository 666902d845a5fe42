import { expect, test } from '@playwright/test';
import { CallPage } from './pages/call-page';

test('no session key or API key reaches the browser during a whole call', async ({ page }) => {
  const pending: Array<Promise<string>> = [];
  page.on('response', (response) => {
    const type = response.headers()['content-type'] ?? '';
    if (/json|html|javascript|text/.test(type)) pending.push(response.text().catch(() => ''));
  });

  const call = new CallPage(page);
  await call.open('music-superstar');
  await call.start();
  await expect(call.emulatedStage()).toBeVisible();
  await call.endCall();

  const bodies = await Promise.all(pending);
  expect(bodies.length).toBeGreaterThan(5);
  const everything = bodies.join('\n');
  // Emulator session keys look like Runway's (stk_…); the emulator's placeholder API key is key_emulator.
  expect(everything).not.toMatch(/stk_[0-9a-f]{8}/);
  expect(everything).not.toContain('key_emulator');
  expect(everything).toContain('emulated.'); // the room token, which is meant for the browser, did arrive
});

test('the emulator’s state route lists a READY session without its session key', async ({ request }) => {
  const created = await request.post('/api/sessions', { data: { avatarId: 'cat-character' } });
  const { sessionId } = (await created.json()) as { sessionId: string };
  let phase: string | undefined;
  while (phase !== 'ready') {
    const progress = await request.get(`/api/sessions/${sessionId}${phase ? `?known=${phase}` : ''}`);
    phase = ((await progress.json()) as { phase: string }).phase;
    expect(['queued', 'starting', 'ready']).toContain(phase);
  }

  const state = await (await request.get('/api/emulator')).text();
  expect(state).toContain(`"id":"${sessionId}","status":"READY"`);
  expect(state).not.toMatch(/stk_|sessionKey/);
  expect((await request.delete(`/api/sessions/${sessionId}`)).status()).toBe(204);
});
