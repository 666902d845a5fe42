import { expect, test, type Page } from '@playwright/test';
import { CANARY } from './canaries';
import { seriousViolations } from './pages/axe';

// Light and dark: the system's preference until the visitor picks one in the header; the choice is a
// cookie, so the server renders it (no flash of the other theme). Every page passes axe in both.

const theme = (page: Page) => page.locator('html').getAttribute('data-theme');

test('the header’s toggle picks light or dark, the server renders the choice, and System goes back to the system’s', async ({
  page,
  request,
}) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const darkBackground = await background();
  expect(await theme(page)).toBeNull();

  await page.getByRole('button', { name: /^Theme: System/ }).click();
  expect(await theme(page)).toBe('light');
  expect(await background()).not.toBe(darkBackground);
  await page.reload();
  // Server-rendered: the first byte of HTML already carries the choice.
  expect(await theme(page)).toBe('light');
  await expect(page.getByRole('button', { name: /^Theme: Light/ })).toBeVisible();

  await page.getByRole('button', { name: /^Theme: Light/ }).click();
  expect(await theme(page)).toBe('dark');
  await page.getByRole('button', { name: /^Theme: Dark/ }).click();
  expect(await theme(page)).toBeNull();
  await page.reload();
  expect(await theme(page)).toBeNull();
  expect(await background()).toBe(darkBackground);

  const html = await (await request.get('/', { headers: { cookie: 'theme=light' } })).text();
  expect(html).toMatch(/<html lang="en" data-theme="light"/);
  const ignored = await (await request.get('/', { headers: { cookie: 'theme=<script>' } })).text();
  expect(ignored).toMatch(/<html lang="en">/);
});

const PUBLIC_PAGES = ['/', '/call/cat-character', '/login', '/examples/minimal'];
const ADMIN_PAGES = ['/avatars', '/avatars/new', '/avatars/voices', '/avatars/documents', '/history', '/usage'];

for (const scheme of ['light', 'dark'] as const) {
  test(`every page has no serious accessibility violations in the ${scheme} theme (contrast included)`, async ({
    page,
    context,
    baseURL,
  }) => {
    test.setTimeout(180_000);
    await context.addCookies([{ name: 'theme', value: scheme, url: baseURL! }]);
    for (const path of PUBLIC_PAGES) {
      await page.goto(path);
      expect(await theme(page)).toBe(scheme);
      expect(await seriousViolations(page), path).toEqual([]);
    }
    expect((await page.request.post('/api/auth/login', { data: { password: CANARY.adminPassword } })).ok()).toBe(true);
    for (const path of ADMIN_PAGES) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await page.waitForLoadState('networkidle');
      expect(await seriousViolations(page), path).toEqual([]);
    }
  });
}
