import { expect, test } from '@playwright/test';
import { CANARY } from '../canaries';
import { CallPage } from '../pages/call-page';

// The app in live mode against a Runway-compatible server (the emulator over HTTP). Its credentials name a
// LiveKit host that does not exist, so the real <AvatarCall> must fail to connect, and say so.

test('live mode is labelled as live and lists the server’s custom avatars', async ({ page, request }) => {
  expect(await (await request.get('/api/health')).json()).toMatchObject({ mode: 'live' });
  await page.goto('/');
  await expect(page.getByText('connected to the Runway API')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Your characters' }).getByRole('link', { name: 'Start call with Ada' })).toBeVisible();
});

test('a call provisions over HTTP, hands the credentials to the Runway SDK, and reports the failed media connection', async ({ page }) => {
  const mediaAttempts: string[] = [];
  const bodies: Array<Promise<string>> = [];
  page.on('websocket', (socket) => mediaAttempts.push(socket.url()));
  page.on('request', (request) => mediaAttempts.push(request.url()));
  page.on('response', (response) => bodies.push(response.text().catch(() => '')));

  const call = new CallPage(page);
  await call.watchCsp();
  await call.open('cat-character');
  await call.start();
  await expect(call.error()).toContainText('Couldn’t join the call', { timeout: 30_000 });
  // The SDK itself tried the LiveKit host named by consume's `url` (passed on as `serverUrl`).
  expect(mediaAttempts.some((url) => url.includes('livekit.emulator.invalid'))).toBe(true);
  await expect(await call.timeline()).toContainText('consumed');
  const failedSession = await call.sessionId();
  await call.error().getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByTestId('debug-session-id')).not.toHaveText(failedSession);

  // The Runway SDK ran under the app's CSP without a violation, and the live key never reached the page.
  expect(await call.cspViolations()).toEqual([]);
  const everything = (await Promise.all(bodies)).join('\n');
  expect(everything).not.toContain(CANARY.apiKey);
  expect(everything).not.toMatch(/stk_[0-9a-f]{8}/);
});
