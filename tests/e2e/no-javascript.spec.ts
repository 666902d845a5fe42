import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CANARY, SERVER_LOGS } from './canaries';

/**
 * The app before it hydrates, or with JavaScript off (a slow network, a blocked script, `next dev` at an
 * origin it does not allow): sign-in still works as a plain form post, and no form puts what was typed
 * into a URL, where history, proxies and server logs would keep it.
 */

test.use({ javaScriptEnabled: false });

const DEMO_AVATAR_ID = '6f1c2a4e-8b3d-4c5f-9a7e-2d4b6c8e0f13';

function recordUrls(page: Page) {
  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  return urls;
}

async function signIn(page: Page) {
  await page.goto('/login?next=%2Favatars');
  await page.getByLabel('Password').fill(CANARY.adminPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/avatars$/);
}

test('signs in with a plain form post: the password is in no URL and no server log', async ({ page }) => {
  const urls = recordUrls(page);
  await page.goto('/login');
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/login\?error=unauthorized&next=%2F$/);
  await expect(page.getByText('That password is not right.')).toBeVisible();

  // A failed attempt makes the next one wait 250 ms.
  await page.waitForTimeout(300);
  await signIn(page);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();

  expect(urls.some((url) => url.includes('password'))).toBe(false);
  expect(
    urls.some((url) => url.includes(CANARY.adminPassword) || url.includes('not%20the%20password') || url.includes('not+the+password')),
  ).toBe(false);
  expect(readFileSync(join(SERVER_LOGS, 'emulator-app.log'), 'utf8')).not.toContain(CANARY.adminPassword);
});

test('every admin form fails safe: what was typed never reaches a URL, and nothing breaks', async ({ page }) => {
  await signIn(page);
  const urls = recordUrls(page);
  const marker = `typed-${Date.now()}`;
  const pages = ['/avatars/new', `/avatars/${DEMO_AVATAR_ID}`, `/avatars/${DEMO_AVATAR_ID}/video`, '/avatars/voices', '/avatars/documents'];
  let submitted = 0;
  for (const path of pages) {
    await page.goto(path);
    const forms = await page.locator('form').count();
    for (let index = 0; index < forms; index += 1) {
      await page.goto(path);
      const form = page.locator('form').nth(index);
      const fields = form.locator('input[type="text"]:visible, input:not([type]):visible, textarea:visible');
      for (let field = 0; field < (await fields.count()); field += 1) await fields.nth(field).fill(marker);
      const response = page.waitForResponse((candidate) => candidate.request().isNavigationRequest());
      await form.locator('button[type="submit"]').first().click();
      expect((await response).status(), `${path} form ${index}`).toBeLessThan(500);
      expect(new URL(page.url()).search, `${path} form ${index}`).toBe('');
      submitted += 1;
    }
  }
  expect(submitted).toBeGreaterThanOrEqual(4);
  expect(urls.filter((url) => url.includes(marker))).toEqual([]);
});

test('ships an icon, so no page asks for a favicon that is not there', async ({ page }) => {
  const missing: string[] = [];
  page.on('response', (response) => {
    if (response.status() === 404) missing.push(response.url());
  });
  await page.goto('/');
  const icon = await page.locator('link[rel="icon"]').getAttribute('href');
  expect(icon).toMatch(/^\/icon\.svg/);
  const served = await page.request.get(icon!);
  expect([served.status(), served.headers()['content-type']]).toEqual([200, 'image/svg+xml']);
  expect(missing).toEqual([]);
});
