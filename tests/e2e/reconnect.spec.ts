import { expect, test } from '@playwright/test';
import { CallPage, EmulatorState } from './pages/call-page';

// Network trouble, made by the emulator: its control API's drop-signal closes the visitor's signal WebSocket
// as a dropped connection would (media goes on). livekit-client then resumes the signal connection.

test('a dropped signal connection shows Reconnecting…, then the same call recovers with its media', async ({ page, request }) => {
  const emulator = new EmulatorState(request);
  const call = new CallPage(page);
  await call.open('tennis-coach');
  await call.start();
  await call.expectLive();
  await call.expectVideoDecoding();
  const sessionId = await call.sessionId();

  // The status is read as a visitor would see it, every few frames, so a short "Reconnecting…" is not missed.
  const seen = await page.evaluate(() => {
    const statuses: string[] = [];
    const read = () => {
      const text = document.querySelector('[data-testid="call-status"]')?.textContent ?? 'gone';
      if (statuses.at(-1) !== text) statuses.push(text);
    };
    read();
    (window as unknown as { statusTimer: number }).statusTimer = window.setInterval(read, 20);
    (window as unknown as { statuses: string[] }).statuses = statuses;
    return statuses;
  });
  expect(seen).toEqual(['Live']);
  await emulator.dropSignal(sessionId);

  const statuses = () => page.evaluate(() => (window as unknown as { statuses: string[] }).statuses);
  await expect.poll(statuses, { message: 'the call shows it is reconnecting' }).toContain('Reconnecting…');
  await expect(page.getByRole('status').filter({ hasText: 'Connection lost. Reconnecting…' }).or(call.status()).first()).toBeAttached();

  // The room resumes the signal connection and the browser's ICE restart moves media to a new pair: the same
  // session goes on, the avatar's video decodes again, and the room still has the visitor.
  await expect(call.status()).toHaveText('Live', { timeout: 20_000 });
  await call.expectVideoDecoding();
  expect(await emulator.statusOf(sessionId)).toBe('RUNNING');
  await expect.poll(async () => (await emulator.room(sessionId))?.visitor?.connected).toBe(true);
  await call.endCall();
  await expect.poll(() => emulator.statusOf(sessionId)).toBe('COMPLETED');
  test.info().annotations.push({ type: 'outcome', description: `statuses seen: ${(await statuses()).join(' → ')}` });
});

test('calls connect the first time: five calls in a row stay live for five seconds each', async ({ page, request }) => {
  // A call that connects and then drops within its first seconds (renegotiation failing, the room closing
  // under a resuming client) would pass a test that only waits for "Live" once.
  test.setTimeout(120_000);
  const emulator = new EmulatorState(request);
  const call = new CallPage(page);
  const failures: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /NegotiationError|could not establish signal connection/.test(message.text()))
      failures.push(message.text().slice(0, 160));
  });
  for (let attempt = 1; attempt <= 5; attempt += 1) {
    await call.open('tennis-coach');
    await call.start();
    await call.expectLive();
    const sessionId = await call.sessionId();
    // Five seconds of a working call: frames keep decoding (~24 fps, so 60 frames is ~2.5 s) and it stays Live.
    await call.expectVideoDecoding(60);
    await expect(call.status(), `call ${attempt} is still live`).toHaveText('Live');
    expect(await emulator.statusOf(sessionId), `call ${attempt}'s session`).toBe('RUNNING');
    await call.endCall();
  }
  expect(failures).toEqual([]);
});
