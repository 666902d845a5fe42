import { expect, test } from '@playwright/test';
import { CANARY } from './canaries';

test('admin pages send anonymous visitors to the sign-in page', async ({ page }) => {
  await page.goto('/avatars');
  await expect(page).toHaveURL(/\/login\?next=%2Favatars$/);
  await expect(page.getByRole('heading', { name: 'Admin sign-in' })).toBeVisible();
});

test('sign in with a wrong password, then the right one, then sign out', async ({ page, context }) => {
  await page.goto('/login');
  const password = page.getByLabel('Password');
  await password.fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'That password is not right.' })).toBeVisible();
  await expect(password).toHaveAttribute('aria-invalid', 'true');

  // After a failure the same client must wait 250 ms before the next attempt.
  await page.waitForTimeout(300);
  await password.fill(CANARY.adminPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Signed in as admin')).toBeVisible();
  const cookie = (await context.cookies()).find((candidate) => candidate.name === 'admin_session');
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
  expect(cookie?.expires).toBeGreaterThan(Date.now() / 1000 + 3600);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByText('Signed in as admin')).toBeHidden();
  expect((await context.cookies()).some((candidate) => candidate.name === 'admin_session')).toBe(false);
});

test('admin routes refuse anonymous requests, and cross-site requests are refused', async ({ request }) => {
  const anonymous = await request.get('/api/conversations');
  expect(anonymous.status()).toBe(401);
  expect(await anonymous.json()).toMatchObject({ error: { code: 'unauthorized' } });

  const crossSite = await request.post('/api/sessions', {
    data: { avatarId: 'cat-character' },
    headers: { origin: 'https://attacker.example' },
  });
  expect(crossSite.status()).toBe(403);
});
