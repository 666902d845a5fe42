import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { CallPage, EmulatorState } from './pages/call-page';
import { signInAsAdmin } from './pages/history-pages';

// Backend tools: the emulated avatar worker calls this server's handler (Runway's @runwayml/avatars-node-rpc
// over @livekit/rtc-node) through the call's room, speaks the answer, and the page and history show the call.

/** Signed in (history is admin only), in a live call with Mochi, once the handler has joined the room. */
async function callWithBackend(page: Page, request: APIRequestContext) {
  await signInAsAdmin(page);
  const emulator = new EmulatorState(request);
  const call = new CallPage(page);
  await call.open('cat-character');
  await call.start();
  await call.expectLive();
  const sessionId = await call.sessionId();
  // The handler joins the room right after consume, hidden from the page.
  await expect.poll(async () => (await emulator.room(sessionId))?.backend?.connected, { timeout: 15_000 }).toBe(true);
  return { emulator, call, sessionId };
}

test.describe('backend tools in a call with Mochi', () => {
  // Each answer is spoken after the lines before it, at speaking pace.
  test.describe.configure({ timeout: 150_000 });

  test('the avatar looks up an order and says its status; a lookup that fails is said too; the page and history show both', async ({
    page,
    request,
  }) => {
    const { call, sessionId } = await callWithBackend(page, request);
    const feed = page.getByRole('region', { name: 'Backend tool calls' });
    await expect(feed).toContainText('None yet');

    await call.emulateToolCall('lookup_order');
    const lookup = call.backendToolCalls().filter({ hasText: 'lookup_order answered' });
    await expect(lookup).toHaveCount(1, { timeout: 15_000 });
    await expect(lookup.getByLabel('Arguments of lookup_order')).toContainText('"orderId": "RC-1001"');
    await expect(lookup.getByLabel('Result of lookup_order')).toContainText('"status": "shipped"');
    await expect(lookup).toContainText(/in \d+ ms/);
    const mochi = call.avatarLines('Mochi');
    await expect(mochi.filter({ hasText: 'Order RC-1001 has shipped' })).toHaveCount(1, { timeout: 45_000 });

    // Asked for an order that does not exist, the handler's error is spoken.
    await call.emulateToolCall('lookup_order', { orderId: 'RC-9999' });
    const failed = call.backendToolCalls().filter({ hasText: 'lookup_order failed' });
    await expect(failed.getByLabel('Error of lookup_order')).toHaveText('No order RC-9999 was found.', { timeout: 15_000 });
    await expect(mochi.filter({ hasText: 'I could not do that: No order RC-9999 was found.' })).toHaveCount(1, { timeout: 45_000 });

    await call.endCall();
    await page.getByRole('link', { name: 'View conversation' }).click();
    await expect(page).toHaveURL(`/history/${sessionId}`);
    const transcript = page.getByRole('list', { name: 'Transcript' });
    await expect(transcript.locator('.tool').filter({ hasText: 'Tool result lookup_order' })).toContainText('"status": "shipped"');
    await expect(transcript.locator('.tool').filter({ hasText: 'Tool error lookup_order' })).toContainText('No order RC-9999 was found.');
  });

  test('a tool that does not answer within its timeoutSeconds: the avatar says so, and history records the timeout', async ({
    page,
    request,
  }) => {
    const { emulator, call, sessionId } = await callWithBackend(page, request);

    // The room holds the handler's answer back, past the tool's 4 s: the worker's response timeout fires.
    await emulator.queueFaults('rpc-timeout');
    await call.emulateToolCall('check_availability');
    await expect(call.avatarLines('Mochi').filter({ hasText: 'I could not do that: The tool did not answer within 4 s.' })).toHaveCount(1, {
      timeout: 45_000,
    });
    const recorded = (await emulator.session(sessionId))?.transcript.flatMap((turn) => turn.toolResults ?? []) ?? [];
    expect(recorded).toEqual([expect.objectContaining({ name: 'check_availability', error: 'The tool did not answer within 4 s.' })]);
    expect(recorded[0]!.durationMs).toBeGreaterThanOrEqual(4_000);

    // Then the handler's process is lost mid-call: the call goes on, and the next tool call fails at once.
    await emulator.dropBackend(sessionId);
    await call.emulateToolCall('lookup_order');
    await expect(call.avatarLines('Mochi').filter({ hasText: 'I could not do that: No backend is connected to this call.' })).toHaveCount(
      1,
      {
        timeout: 45_000,
      },
    );
    await expect(call.status()).toHaveText('Live');
    await call.endCall();
    await page.goto(`/history/${sessionId}`);
    await expect(
      page.getByRole('list', { name: 'Transcript' }).locator('.tool').filter({ hasText: 'Tool error check_availability' }),
    ).toContainText('The tool did not answer within 4 s.');
  });
});
