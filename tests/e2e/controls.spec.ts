import { expect, test } from '@playwright/test';
import { CallPage, EmulatorState } from './pages/call-page';

// The call controls, checked where they matter: in the room. GET /api/emulator lists the visitor's published
// tracks as the emulated LiveKit server knows them (source and muted flag), so a button that only changed
// its label would fail here.

test('screen share publishes a screen_share track, and stopping it unpublishes it', async ({ page, request }) => {
  const emulator = new EmulatorState(request);
  const call = new CallPage(page);
  await call.open('tennis-coach');
  await call.start();
  await call.expectLive();
  const sessionId = await call.sessionId();
  const screen = () => emulator.visitorTracks(sessionId, 'screen_share');
  expect(await screen()).toEqual([]);

  // Chromium picks "Entire screen" by itself (--auto-select-desktop-capture-source in playwright.config.ts).
  await page.getByRole('button', { name: 'Share screen' }).click();
  await expect(page.getByRole('button', { name: 'Stop sharing' })).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => (await screen()).length).toBe(1);
  await page.getByRole('button', { name: 'Stop sharing' }).click();
  await expect(page.getByRole('button', { name: 'Share screen' })).toBeVisible();
  // Unpublishing is not a mute: the room drops the track (or at least marks it muted).
  await expect.poll(async () => (await screen()).every((track) => track.muted)).toBe(true);
});

