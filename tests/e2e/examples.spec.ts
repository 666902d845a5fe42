import { expect, test } from '@playwright/test';

/** /examples/minimal: the README's two-file integration, in emulator mode. */

test('the minimal example says plainly that emulator mode will not connect, and each Start is a fresh session', async ({ page }) => {
  const sessionRequests: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/avatar/session') sessionRequests.push(request.url());
  });
  await page.goto('/examples/minimal');
  await expect(page.getByRole('heading', { name: 'Minimal integration' })).toBeVisible();
  await expect(page.getByText('Emulator mode: this call will not connect.')).toBeVisible();
  // AvatarCall asks for a session as soon as it mounts, so nothing may be asked before the visitor presses Start.
  expect(sessionRequests).toEqual([]);

  await page.getByRole('button', { name: 'Start call' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'The call could not connect' })).toBeVisible({ timeout: 20_000 });
  expect(sessionRequests).toHaveLength(1);

  // The SDK caches credentials (and errors) by its props: a new attempt must still reach the server.
  await page.getByRole('button', { name: 'Call again' }).click();
  await expect.poll(() => sessionRequests.length, { timeout: 20_000 }).toBe(2);
  expect(new Set(sessionRequests).size).toBe(2);
});
