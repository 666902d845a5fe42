import { expect, test, type Page } from '@playwright/test';
import { CANARY } from '../canaries';
import { CallPage } from '../pages/call-page';

// Live mode: what a deployed product shows. A visitor sees the avatar, the controls and the transcript; the
// debug panel, the tool guide (which names the tools) and the backend tool feed are the signed-in admin's.

// A call, and perhaps a retried join (below), on a shared machine.
test.setTimeout(90_000);

async function liveCall(page: Page) {
  const call = new CallPage(page);
  await call.open('cat-character');
  // As a visitor does: the device check first, which also fetches the call's code before the join.
  await call.checkDevices();
  await call.start();
  // The test room closes a call whose media has not arrived within 3 s of consume
  // (EMULATOR_DEPARTURE_TIMEOUT_MS); on a busy machine that can happen, and a visitor would press Retry.
  const failed = page.getByRole('heading', { name: 'Couldn’t join the call' });
  await expect(call.status().filter({ hasText: 'Live' }).or(failed)).toBeVisible({ timeout: 30_000 });
  if (await failed.isVisible()) await page.getByRole('button', { name: 'Retry' }).click();
  await call.expectLive(30_000);
  // Both tools are on for this avatar (lib/app-config.ts): the transcript is the visitor's, the rest is not.
  await expect(page.getByLabel('Transcript lines')).toBeVisible();
  return call;
}

const developerSurfaces = (page: Page) => ({
  debug: page.getByText('Debug', { exact: true }),
  guide: page.getByRole('heading', { name: 'What Mochi can do on this page' }),
  feed: page.getByRole('region', { name: 'Backend tool calls' }),
});

test('an anonymous visitor sees no developer surface, before or during the call', async ({ page }) => {
  await page.goto('/call/cat-character');
  await expect(page.getByRole('button', { name: 'Start call' })).toBeVisible();
  await expect(developerSurfaces(page).debug).toHaveCount(0);
  const call = await liveCall(page);
  const { debug, guide, feed } = developerSurfaces(page);
  await expect(debug).toHaveCount(0);
  await expect(guide).toHaveCount(0);
  await expect(feed).toHaveCount(0);
  await expect(page.getByText('lookup_order')).toHaveCount(0);
  await call.endCall();
});

test('the signed-in admin sees the debug panel, the tool guide and the backend tool feed', async ({ page }) => {
  expect((await page.request.post('/api/auth/login', { data: { password: CANARY.adminPassword } })).ok()).toBe(true);
  const call = await liveCall(page);
  const { debug, guide, feed } = developerSurfaces(page);
  await expect(debug).toBeVisible();
  await expect(guide).toBeVisible();
  await expect(feed).toBeVisible();
  await expect(guide.locator('..').getByText('lookup_order')).toBeVisible();
  await call.endCall();
});
