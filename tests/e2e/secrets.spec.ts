import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CANARY, SERVER_LOGS } from './canaries';
import { CallPage, EmulatorState } from './pages/call-page';

test('no session key or API key reaches the browser during a whole call', async ({ page }) => {
  const pending: Array<Promise<string>> = [];
  page.on('response', (response) => {
    const type = response.headers()['content-type'] ?? '';
    if (/json|html|javascript|text/.test(type)) pending.push(response.text().catch(() => ''));
  });

  const call = new CallPage(page);
  await call.open('music-superstar');
  await call.start();
  await call.expectLive();
  await call.endCall();

  const bodies = await Promise.all(pending);
  expect(bodies.length).toBeGreaterThan(5);
  const everything = bodies.join('\n');
  // Emulator session keys look like Runway's (stk_…); the emulator's placeholder API key is key_emulator.
  expect(everything).not.toMatch(/stk_[0-9a-f]{8}/);
  expect(everything).not.toContain('key_emulator');
  expect(everything).not.toContain(CANARY.apiKey);
  expect(everything).not.toContain(CANARY.elevenLabsKey);
  expect(everything).not.toContain(CANARY.adminPassword);
  expect(everything).not.toContain(CANARY.authSecret);
  // The room token (a short-lived JWT for the emulated LiveKit room), which is meant for the browser, did arrive.
  expect(everything).toMatch(/"token":"eyJ[\w-]+\.[\w-]+\.[\w-]+"/);
});

test('the emulator’s control API lists a READY session without its session key', async ({ request }) => {
  const created = await request.post('/api/sessions', { data: { avatarId: 'cat-character' } });
  const { sessionId, ticket } = (await created.json()) as { sessionId: string; ticket: string };
  const headers = { 'x-session-ticket': ticket };
  let phase: string | undefined;
  while (phase !== 'ready') {
    const progress = await request.get(`/api/sessions/${sessionId}${phase ? `?known=${phase}` : ''}`, { headers });
    phase = ((await progress.json()) as { phase: string }).phase;
    expect(['queued', 'starting', 'ready']).toContain(phase);
  }

  const state = await (await request.get(`${new EmulatorState(request).origin}/control/state`)).text();
  expect(state).toContain(`"id":"${sessionId}","status":"READY"`);
  expect(state).not.toMatch(/stk_|sessionKey/);
  expect((await request.delete(`/api/sessions/${sessionId}`, { headers })).status()).toBe(204);
});

test('no secret appears in the built client bundles or the server logs', async () => {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.push(path);
    }
  };
  walk('.next/static');
  expect(files.length).toBeGreaterThan(10);
  for (const logFile of readdirSync(SERVER_LOGS)) files.push(join(SERVER_LOGS, logFile));
  const leaks = files.filter((file) => {
    const text = readFileSync(file, 'utf8');
    return Object.values(CANARY).some((secret) => text.includes(secret));
  });
  expect(leaks).toEqual([]);
});
