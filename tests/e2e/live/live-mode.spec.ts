import { expect, test, type Page } from '@playwright/test';
import { CANARY } from '../canaries';
import { CallPage, EmulatorState } from '../pages/call-page';
import { PORTS } from '../ports';

// The timeline and the backend tool feed these tests read are the admin's in live mode (developer-surfaces.spec.ts).
async function signIn(page: Page) {
  expect((await page.request.post('/api/auth/login', { data: { password: CANARY.adminPassword } })).ok()).toBe(true);
}

// The app in live mode (a key set) against a Runway-compatible server over HTTP: the emulator process
// (emulator/), whose consume names its own media room on loopback. So the live code path runs
// end to end: the real @runwayml/sdk over HTTP, then the Runway React SDK and livekit-client over WebRTC.

test('live mode is labelled as live and lists the server’s custom avatars', async ({ page, request }) => {
  expect(await (await request.get('/api/health')).json()).toMatchObject({ mode: 'live' });
  await page.goto('/');
  await expect(page.getByText('connected to the Runway API')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Your characters' }).getByRole('link', { name: 'Start call with Ada' })).toBeVisible();
});

test('a whole call over HTTP: the SDK joins the server’s room, the avatar’s video plays, it greets, and the call ends cleanly', async ({
  page,
}) => {
  const socketUrls: string[] = [];
  const bodies: Array<Promise<string>> = [];
  page.on('websocket', (socket) => socketUrls.push(new URL(socket.url()).origin));
  page.on('response', (response) => bodies.push(response.text().catch(() => '')));

  await signIn(page);
  const call = new CallPage(page);
  await call.watchCsp();
  await call.watchPeerConnections();
  await call.open('cat-character');
  await call.start();
  await call.expectLive(30_000);
  // The SDK joined the room that the Runway-compatible server's consume named (passed on as `serverUrl`).
  expect(socketUrls).toContain(`ws://127.0.0.1:${PORTS.runwayFakeRoom}`);
  await expect(await call.timeline()).toContainText('consumed');

  await call.expectVideoDecoding(24);
  await expect(call.avatarLines('Mochi').first()).toBeVisible({ timeout: 20_000 });
  await expect(call.speakingChip('avatar')).toBeVisible();
  await call.expectAvatarAudible();

  await call.endCall();
  // The Runway SDK ran under the app's CSP without a violation, and the live key never reached the page.
  expect(await call.cspViolations()).toEqual([]);
  const everything = (await Promise.all(bodies)).join('\n');
  expect(everything).not.toContain(CANARY.apiKey);
  expect(everything).not.toMatch(/stk_[0-9a-f]{8}/);
});

test('backend tools over HTTP: the avatar looks up an order, and this server’s handler answers it through the server’s room', async ({
  page,
  request,
}) => {
  // The fake microphone's line gets a reply, and the worker's first reply cues its first backend tool.
  test.setTimeout(90_000);
  await signIn(page);
  const call = new CallPage(page);
  await call.open('cat-character');
  await call.start();
  await call.expectLive(30_000);
  const sessionId = await call.sessionId();
  const lookup = call.backendToolCalls().filter({ hasText: 'lookup_order answered' });
  await expect(lookup.getByLabel('Result of lookup_order')).toContainText('"status": "shipped"', { timeout: 60_000 });
  // The Runway-compatible server's worker got that answer over RPC (the emulator suite hears it spoken).
  const recorded = async () => {
    const session = await new EmulatorState(request).session(sessionId);
    return session?.transcript.flatMap((turn) => turn.toolResults ?? []) ?? [];
  };
  await expect
    .poll(recorded)
    .toEqual([expect.objectContaining({ name: 'lookup_order', result: expect.objectContaining({ status: 'shipped' }) })]);
  await call.endCall();
});
