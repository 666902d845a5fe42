import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { CallPage } from '../pages/call-page';

/**
 * The optional bot check, on (TURNSTILE_* keys set for this app). Cloudflare's script cannot load here, so
 * the page gets a stand-in `window.turnstile` that hands over a token when its button is pressed; the
 * server's check is real, and since its secret is one siteverify refuses (or cannot be reached), no token
 * ever earns a pass in this suite. The route-level tests (tests/unit/app/api/bot-check.test.ts) cover a pass.
 */

const FAKE_TURNSTILE = `window.turnstile = {
  render(element, options) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Verify (stand-in widget)';
    button.onclick = () => options.callback('XXXX.DUMMY.TOKEN.XXXX');
    element.append(button);
    return 'widget-1';
  },
  reset() { window.__turnstileResets = (window.__turnstileResets ?? 0) + 1; },
  remove() {},
};`;

async function withFakeTurnstile(page: Page) {
  const scripts: string[] = [];
  await page.route('https://challenges.cloudflare.com/**', (route) => {
    scripts.push(route.request().url());
    return route.fulfill({ contentType: 'text/javascript', body: FAKE_TURNSTILE });
  });
  return scripts;
}

test('the server refuses a call start without a pass, from any client, with its own error code', async ({ request }) => {
  for (const path of ['/api/sessions', '/api/avatar/session']) {
    for (const headers of [{}, { cookie: 'bot_pass=forged' }] as Record<string, string>[]) {
      const response = await request.post(path, { data: { avatarId: 'cat-character' }, headers });
      expect(response.status(), path).toBe(403);
      expect(await response.json()).toEqual({
        error: { code: 'bot_check_required', message: 'Complete the check that you are human on the call page, then start the call.' },
      });
    }
  }
  const policy = (await request.get('/call/cat-character')).headers()['content-security-policy'];
  expect(policy).toContain("frame-src 'self' https://challenges.cloudflare.com");
  expect(policy).toMatch(/script-src [^;]*'strict-dynamic' https:\/\/challenges\.cloudflare\.com/);
});

test('the call page loads the widget under its CSP, keeps Start disabled, and says why when the server refuses the token', async ({
  page,
  context,
}) => {
  // An axe scan on a busy two-core machine takes a while (as in in-call.spec.ts).
  test.setTimeout(120_000);
  const scripts = await withFakeTurnstile(page);
  const call = new CallPage(page);
  await call.watchCsp();
  await call.open('cat-character');
  const check = page.getByRole('group', { name: 'Check that you are human' });
  await expect(check.getByRole('button', { name: 'Verify (stand-in widget)' })).toBeVisible();
  expect(scripts).toEqual(['https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit']);
  const start = page.getByRole('button', { name: 'Start call' });
  await expect(start).toBeDisabled();
  await expect(check.getByRole('status')).toHaveText('Checking that you are human. Start unlocks when the check passes.');

  const verified = page.waitForResponse('**/api/bot-check');
  await check.getByRole('button', { name: 'Verify (stand-in widget)' }).click();
  expect((await verified).status()).toBeGreaterThanOrEqual(500);
  await expect(check.getByRole('alert')).toHaveText(/The bot check (could not be confirmed right now|is not set up correctly)/);
  await expect(start).toBeDisabled();
  // The spent token is thrown away: the widget starts over for a new one.
  expect(await page.evaluate(() => (window as unknown as { __turnstileResets?: number }).__turnstileResets)).toBe(1);
  expect((await context.cookies()).map((cookie) => cookie.name)).not.toContain('bot_pass');
  expect(await call.cspViolations()).toEqual([]);

  const { violations: axe } = await new AxeBuilder({ page }).include('.prejoin__panel').analyze();
  expect(axe.filter((violation) => ['serious', 'critical'].includes(violation.impact ?? '')).map((violation) => violation.id)).toEqual([]);
});

test('when the server asks for a pass at Start, the page shows the check again and holds Retry until it passes', async ({ page }) => {
  await withFakeTurnstile(page);
  // The browser is told the token passed, but gets no pass: as when a pass expires before Start.
  await page.route('**/api/bot-check', (route) => route.fulfill({ json: { ok: true } }));
  await page.goto('/call/cat-character');
  await page.getByRole('button', { name: 'Verify (stand-in widget)' }).click();
  await expect(page.getByText('Check passed. You can start the call.')).toBeVisible();
  await page.getByRole('button', { name: 'Start call' }).click();

  const failed = page.getByTestId('call-error');
  await expect(failed.getByRole('heading', { name: 'Please confirm you’re human' })).toBeVisible();
  await expect(failed.getByText('Complete the check that you are human on the call page, then start the call.')).toBeVisible();
  const retry = failed.getByRole('button', { name: 'Retry' });
  await expect(retry).toBeDisabled();
  await failed.getByRole('button', { name: 'Verify (stand-in widget)' }).click();
  await expect(retry).toBeEnabled();
});

test('the minimal example holds Start behind the check too', async ({ page }) => {
  await withFakeTurnstile(page);
  await page.goto('/examples/minimal');
  await expect(page.getByRole('button', { name: 'Verify (stand-in widget)' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start call' })).toBeDisabled();
});

test('a visitor whose browser blocks Cloudflare’s script is told how to fix it, and Start stays disabled', async ({ page }) => {
  await page.route('https://challenges.cloudflare.com/**', (route) => route.abort('blockedbyclient'));
  await page.goto('/call/cat-character');
  await expect(page.getByRole('group', { name: 'Check that you are human' }).getByRole('alert')).toHaveText(
    'The check could not load. A content blocker may be stopping challenges.cloudflare.com: allow it, then reload the page.',
  );
  await expect(page.getByRole('button', { name: 'Start call' })).toBeDisabled();
});
