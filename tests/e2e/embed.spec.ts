import { createServer, type Server } from 'node:http';
import { expect, test, type Page } from '@playwright/test';
import { CANARY } from './canaries';
import { seriousViolations } from './pages/axe';
import { EMBED_HOST_ORIGIN, origin, PORTS } from './ports';

// The call embedded in another site, as a visitor there meets it: the host page is served by this test on
// http://localhost (another site than the app on 127.0.0.1, so the browser applies third-party rules),
// loads embed.js with a script tag, and records the events the frame posts to it.

const APP = origin(PORTS.emulatorApp);
const UNLISTED_ORIGIN = `http://localhost:${PORTS.embedHostUnlisted}`;
const LABEL = 'Talk to Mochi';

const hostPage = (body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A host shop</title></head>
<body><main><h1>A host shop</h1><p>Products, and a character to talk to.</p>
<script>
  window.embedEvents = [];
  addEventListener('message', (event) => {
    if (event.origin === '${APP}' && event.data && event.data.source === 'runway-characters') window.embedEvents.push(event.data);
  });
</script>${body}</main></body></html>`;

const PAGES: Record<string, string> = {
  '/': hostPage(`<script src="${APP}/embed.js" data-avatar="cat-character" data-label="${LABEL}" async></script>`),
  '/dark': hostPage(`<script src="${APP}/embed.js" data-avatar="cat-character" data-label="${LABEL}" data-theme="dark" async></script>`),
  // Framing by hand, without the launcher: the page may frame /embed/* only, and only from a listed origin.
  '/raw-embed': hostPage(`<iframe title="Embedded call" src="${APP}/embed/cat-character?origin=ORIGIN"></iframe>`),
  '/raw-call': hostPage(`<iframe title="Full call page" src="${APP}/call/cat-character"></iframe>`),
};

let servers: Server[] = [];

test.beforeAll(async () => {
  servers = await Promise.all(
    [PORTS.embedHost, PORTS.embedHostUnlisted].map(
      (port) =>
        new Promise<Server>((resolve) => {
          const server = createServer((request, response) => {
            const page = PAGES[new URL(request.url ?? '/', 'http://localhost').pathname];
            if (!page) return void response.writeHead(404).end();
            response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page.replace('ORIGIN', `http://localhost:${port}`));
          });
          server.listen(port, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
});

test.afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

const launcher = (page: Page) => page.getByRole('button', { name: LABEL });
const panel = (page: Page) => page.getByRole('dialog', { name: LABEL });
const frame = (page: Page) => page.frameLocator(`iframe[title="${LABEL}"]`);
/**
 * The pre-join device check, as a visitor runs it before starting (it may open by itself once permission is
 * granted). It also fetches the call's code, so the call joins its room well within the emulated room's
 * wait for media (EMULATOR_DEPARTURE_TIMEOUT_MS) on a busy machine.
 */
async function checkDevices(page: Page) {
  const check = frame(page).getByRole('button', { name: 'Check camera and microphone' });
  const status = frame(page).getByLabel('Device check');
  await expect(check.or(status)).toBeVisible();
  if (await check.isVisible()) await check.click({ timeout: 2000 }).catch(() => undefined);
  await expect(status).toBeVisible();
}

/**
 * Presses Start (or, for the keyboard test, the given press) until the call is live. The emulated room closes a
 * call whose media has not arrived within EMULATOR_DEPARTURE_TIMEOUT_MS (3 s in these tests, from consume);
 * on a busy machine a cross-site frame's own renderer can miss that, and the frame shows "Couldn’t join the
 * call" and posts an `error` with code "connection". A visitor presses Retry; so does this, once.
 */
async function startUntilLive(page: Page, press: (name: 'Start call' | 'Retry') => Promise<void>) {
  const call = frame(page);
  await press('Start call');
  const live = call.getByTestId('call-status').filter({ hasText: 'Live' });
  const failed = call.getByRole('heading', { name: 'Couldn’t join the call' });
  await expect(live.or(failed)).toBeVisible({ timeout: 20_000 });
  if (await failed.isVisible()) {
    await press('Retry');
    await expect(live).toBeVisible({ timeout: 20_000 });
  }
}

/** The host's events: ready first, and every failed join (see startUntilLive) reported as a connection error. */
async function expectEvents(page: Page, expected: string[]) {
  await expect
    .poll(async () => {
      const events = await page.evaluate(() => (window as unknown as { embedEvents: Array<{ type: string; code?: string }> }).embedEvents);
      return events.filter((event) => !(event.type === 'error' && event.code === 'connection')).map((event) => event.type);
    })
    .toEqual(expected);
}

const eventTypes = (page: Page) =>
  page.evaluate(() => (window as unknown as { embedEvents: Array<{ type: string }> }).embedEvents.map((event) => event.type));

test('the launcher opens the call in a panel; it connects over WebRTC, ends, and the host hears ready, call-started, call-ended', async ({
  page,
}) => {
  const frames: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'document' && request.url().startsWith(`${APP}/embed/`)) frames.push(request.url());
  });
  await page.goto(`${EMBED_HOST_ORIGIN}/`);
  await expect(launcher(page)).toHaveAttribute('aria-expanded', 'false');
  // The frame loads on the first open, not with the host page.
  expect(frames).toEqual([]);

  await launcher(page).click();
  await expect(panel(page)).toBeVisible();
  await expect(launcher(page)).toHaveAttribute('aria-expanded', 'true');
  expect(frames).toEqual([`${APP}/embed/cat-character?origin=${encodeURIComponent(EMBED_HOST_ORIGIN)}`]);

  const call = frame(page);
  await expect(call.getByRole('heading', { name: 'Mochi' })).toBeVisible();
  await expect.poll(() => eventTypes(page)).toEqual(['ready']);
  // A visitor of the host site: no way back to the app's gallery inside the frame.
  await expect(call.getByRole('link')).toHaveCount(0);
  await checkDevices(page);
  await startUntilLive(page, (name) => call.getByRole('button', { name }).click());
  // The avatar's video arrives over WebRTC inside the frame.
  await expect
    .poll(() =>
      call
        .locator('[data-avatar-video] video')
        .evaluate((video: HTMLVideoElement) => video.getVideoPlaybackQuality().totalVideoFrames)
        .catch(() => 0),
    )
    .toBeGreaterThan(5);

  await call.getByRole('button', { name: 'End call' }).click();
  await expect(call.getByRole('heading', { name: 'Call ended' })).toBeVisible();
  await expectEvents(page, ['ready', 'call-started', 'call-ended']);
  const ended = await page.evaluate(() => (window as unknown as { embedEvents: Array<{ durationSeconds?: number }> }).embedEvents.at(-1));
  expect(ended?.durationSeconds).toBeGreaterThanOrEqual(1);

  await page.getByRole('button', { name: 'Close' }).click();
  await expect(panel(page)).toBeHidden();
  await expect(launcher(page)).toBeFocused();
});

test('the host page’s end command hangs up the call, and its close command closes the panel', async ({ page }) => {
  await page.goto(`${EMBED_HOST_ORIGIN}/`);
  await launcher(page).click();
  const call = frame(page);
  await expect.poll(() => eventTypes(page)).toEqual(['ready']);
  await checkDevices(page);
  await startUntilLive(page, (name) => call.getByRole('button', { name }).click());
  await page.evaluate(() => window.postMessage({ source: 'runway-characters', type: 'end' }, location.origin));
  await expect(call.getByRole('heading', { name: 'Call ended' })).toBeVisible();
  await expectEvents(page, ['ready', 'call-started', 'call-ended']);
  await page.evaluate(() => window.postMessage({ source: 'runway-characters', type: 'close' }, location.origin));
  await expect(panel(page)).toBeHidden();
  await page.evaluate(() => window.postMessage({ source: 'runway-characters', type: 'open' }, location.origin));
  await expect(panel(page)).toBeVisible();
});

test('keyboard only: open the launcher, start the call, end it, and close with Escape', async ({ page }) => {
  await page.goto(`${EMBED_HOST_ORIGIN}/`);
  const tabUntil = async (isFocused: () => Promise<boolean>, what: string) => {
    for (let presses = 0; presses < 40; presses += 1) {
      await page.keyboard.press('Tab');
      if (await isFocused().catch(() => false)) return;
    }
    throw new Error(`Tab never reached ${what}`);
  };
  const focusedInFrame = (name: string) => () =>
    frame(page)
      .getByRole('button', { name, exact: true })
      .evaluate((element) => element === document.activeElement && document.hasFocus());

  await tabUntil(
    () => launcher(page).evaluate((element) => element === (element.getRootNode() as ShadowRoot).activeElement),
    'the launcher',
  );
  await page.keyboard.press('Enter');
  await expect(panel(page)).toBeVisible();
  // Focus moved into the panel's frame: the next Tabs walk the call's own controls.
  await expect(page.locator(`iframe[title="${LABEL}"]`)).toBeFocused();
  await expect.poll(() => eventTypes(page)).toEqual(['ready']);
  const check = frame(page).getByRole('button', { name: 'Check camera and microphone' });
  await expect(check.or(frame(page).getByLabel('Device check'))).toBeVisible();
  if (await check.isVisible()) {
    await tabUntil(focusedInFrame('Check camera and microphone'), 'Check camera and microphone');
    await page.keyboard.press('Enter');
  }
  await expect(frame(page).getByLabel('Device check')).toBeVisible();
  await startUntilLive(page, async (name) => {
    await tabUntil(focusedInFrame(name), name);
    await page.keyboard.press('Enter');
  });
  await tabUntil(focusedInFrame('End call'), 'End call');
  await page.keyboard.press('Enter');
  await expect(frame(page).getByRole('heading', { name: 'Call ended' })).toBeVisible();
  // Escape inside the frame reaches the launcher (the frame's dismiss event): closed, focus back on the button.
  await page.keyboard.press('Escape');
  await expect(panel(page)).toBeHidden();
  await expect(launcher(page)).toBeFocused();
});

test('an unlisted site cannot frame the call, no page but /embed/* can be framed at all, and the launcher stays off there', async ({
  page,
}) => {
  const warnings: string[] = [];
  page.on('console', (message) => warnings.push(message.text()));
  await page.goto(`${UNLISTED_ORIGIN}/`);
  await expect(page.getByRole('heading', { name: 'A host shop' })).toBeVisible();
  await expect.poll(() => warnings.join('\n')).toContain(`${UNLISTED_ORIGIN} is not in the app's EMBED_ALLOWED_ORIGINS`);
  await expect(launcher(page)).toHaveCount(0);

  // Framed by hand from the unlisted site: the browser refuses it (frame-ancestors), and nothing is posted.
  const blocked = page.waitForResponse((response) => response.url().startsWith(`${APP}/embed/`));
  await page.goto(`${UNLISTED_ORIGIN}/raw-embed`);
  const response = await blocked;
  expect(response.headers()['content-security-policy']).toContain(`frame-ancestors ${EMBED_HOST_ORIGIN}`);
  expect(response.headers()['x-frame-options']).toBeUndefined();
  await expect.poll(() => page.frames().map((child) => child.url())).toContain('chrome-error://chromewebdata/');
  await expect(page.frameLocator('iframe').getByRole('button', { name: 'Start call' })).toHaveCount(0);
  expect(await eventTypes(page)).toEqual([]);

  // From the listed site, the same hand-made frame loads and talks to it; the full call page does not load.
  await page.goto(`${EMBED_HOST_ORIGIN}/raw-embed`);
  await expect(page.frameLocator('iframe').getByRole('button', { name: 'Start call' })).toBeVisible();
  await expect.poll(() => eventTypes(page)).toEqual(['ready']);
  const callPage = page.waitForResponse((candidate) => candidate.url() === `${APP}/call/cat-character`);
  await page.goto(`${EMBED_HOST_ORIGIN}/raw-call`);
  expect((await callPage).headers()['x-frame-options']).toBe('DENY');
  await expect.poll(() => page.frames().map((child) => child.url())).toContain('chrome-error://chromewebdata/');
});

test('a frame whose declared host is not listed posts nothing, even when opened on its own', async ({ page }) => {
  const response = await page.goto(`/embed/cat-character?origin=${encodeURIComponent(UNLISTED_ORIGIN)}`);
  expect(response?.status()).toBe(200);
  // Usable as a page of its own, with no site header and no admin surface.
  await expect(page.getByRole('button', { name: 'Start call' })).toBeVisible();
  await expect(page.getByRole('banner')).toHaveCount(0);
});

test('the embed treats the signed-in admin as a visitor: no admin links, and an unknown avatar is not found', async ({ page }) => {
  expect((await page.request.post('/api/auth/login', { data: { password: CANARY.adminPassword } })).ok()).toBe(true);
  await page.goto('/');
  await expect(page.getByText('Signed in as admin')).toBeVisible();
  await page.goto('/embed/cat-character');
  await expect(page.getByRole('button', { name: 'Start call' })).toBeVisible();
  await expect(page.getByText('Signed in as admin')).toHaveCount(0);
  await expect(page.getByRole('link')).toHaveCount(0);
  expect((await page.goto('/embed/no-such-avatar'))?.status()).toBe(404);
});

test('the launcher and the open panel, in both themes, have no serious accessibility violations', async ({ page }) => {
  // axe scans the host page and the call's frame: a while on a small, busy machine.
  test.setTimeout(240_000);
  for (const path of ['/', '/dark']) {
    await page.goto(`${EMBED_HOST_ORIGIN}${path}`);
    await expect(launcher(page)).toBeVisible();
    expect(await seriousViolations(page), `launcher ${path}`).toEqual([]);
    await launcher(page).click();
    await expect(frame(page).getByRole('button', { name: 'Start call' })).toBeVisible();
    expect(await seriousViolations(page), `panel ${path}`).toEqual([]);
  }
});

test('the embed page has no serious accessibility violations in either theme', async ({ page }) => {
  test.setTimeout(120_000);
  for (const theme of ['light', 'dark']) {
    await page.goto(`/embed/cat-character?theme=${theme}`);
    await expect(page.locator('.embed')).toHaveAttribute('data-theme', theme);
    await expect(page.getByRole('button', { name: 'Start call' })).toBeVisible();
    expect(await seriousViolations(page), `embed ${theme}`).toEqual([]);
  }
});
