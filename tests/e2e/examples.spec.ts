import { expect, test } from '@playwright/test';

/** /examples/minimal: the two-file integration of docs/customizing.md, in emulator mode, where the call is now real too. */

test('the minimal example connects to the emulated room, plays the avatar, and each Start is a fresh session', async ({ page }) => {
  const sessionRequests: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/avatar/session') sessionRequests.push(request.url());
  });
  await page.goto('/examples/minimal');
  await expect(page.getByRole('heading', { name: 'Minimal integration' })).toBeVisible();
  // The page must not tell a visitor that a call which works will not connect.
  await expect(page.getByText('this call will not connect')).toHaveCount(0);
  // AvatarCall asks for a session as soon as it mounts, so nothing may be asked before the visitor presses Start.
  expect(sessionRequests).toEqual([]);

  await page.getByRole('button', { name: 'Start call' }).click();
  // <AvatarCall> renders the SDK's own avatar video and control bar; its video decodes the agent's frames.
  const video = page.locator('[data-avatar-video] video');
  await expect
    .poll(() => video.evaluate((element: HTMLVideoElement) => element.getVideoPlaybackQuality().totalVideoFrames).catch(() => 0), {
      timeout: 20_000,
    })
    .toBeGreaterThan(24);
  expect(sessionRequests).toHaveLength(1);

  // The SDK's own End call ends it; the SDK caches credentials by its props, so a new call must reach the server again.
  await page.getByRole('button', { name: 'End call' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The call ended.' })).toBeVisible();
  await page.getByRole('button', { name: 'Call again' }).click();
  await expect.poll(() => sessionRequests.length, { timeout: 20_000 }).toBe(2);
  expect(new Set(sessionRequests).size).toBe(2);
});
