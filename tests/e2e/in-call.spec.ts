import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { CANARY } from './canaries';
import { CallPage, EmulatorState } from './pages/call-page';

// The in-call experience on the emulator, in Chromium with fake camera and microphone.

const SCREENSHOT = 'docs/call-page.png';

async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => `${violation.id}: ${violation.help}`);
}

test.describe('pre-join check', () => {
  test('shows the camera preview, a mic level meter and the device lists before any session exists', async ({ page, request }) => {
    const call = new CallPage(page);
    await call.open('cooking-teacher');
    await call.checkDevices();
    await expect(page.getByLabel('Your camera preview')).toBeVisible();
    await expect(page.getByRole('meter')).toBeVisible();
    for (const device of ['Camera', 'Microphone']) {
      const picker = page.getByRole('combobox', { name: device });
      await expect(picker).toBeVisible();
      // "System default" plus Chromium's fake device(s).
      expect(await picker.getByRole('option').count()).toBeGreaterThan(1);
    }
    await expect(page.getByRole('definition').filter({ hasText: 'Working' })).toHaveCount(2);
    // Checking devices costs nothing: no session was created.
    await call.openDebug();
    await expect(page.getByTestId('debug-session-id')).toHaveText('—');

    // Joining with the camera off is honoured by the call.
    await page.getByRole('checkbox', { name: 'Join with camera on' }).uncheck();
    await call.start();
    await call.expectLive();
    await expect(page.getByRole('button', { name: 'Turn camera on' })).toHaveAttribute('aria-pressed', 'true');
    expect(await new EmulatorState(request).statusOf(await call.sessionId())).toBe('RUNNING');
  });

  test('denied permissions explain how to fix them in this browser', async ({ page }) => {
    await page.addInitScript(() => {
      navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
    });
    const call = new CallPage(page);
    await call.open('cooking-teacher');
    await call.checkDevices();
    const help = page.getByTestId('permission-help');
    await expect(help).toContainText('The camera is blocked for this site');
    await expect(help).toContainText('The microphone is blocked for this site');
    await expect(help).toContainText('site-settings icon left of the address');
    await expect(page.getByRole('definition').filter({ hasText: 'Blocked' })).toHaveCount(2);
  });
});

test.describe('in an emulated call', () => {
  test('the transcript fills with interim then final lines, and posts every turn to the emulator', async ({ page, request }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    const call = new CallPage(page);
    await call.open('cat-character');
    await call.start();
    await call.expectLive();
    await expect(page.getByTestId('connection-quality')).toContainText('Excellent');
    // The opening line is spoken word by word: interim first, with the speaking indicator on.
    await expect(page.locator('.transcript__line--interim')).toHaveCount(1);
    await expect(page.getByText('Mochi is speaking')).toBeVisible();
    await page.getByRole('button', { name: 'Captions' }).click();
    await expect(page.getByTestId('captions')).toBeVisible();

    await expect(call.transcriptLines()).toHaveCount(5, { timeout: 20_000 });
    await expect(call.transcriptLines().nth(1)).toHaveText(/^You What can this call do\?/);
    await expect(page.locator('.transcript__line--interim')).toHaveCount(0, { timeout: 10_000 });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    const sessionId = await call.sessionId();
    const recorded = await new EmulatorState(request).session(sessionId);
    expect(recorded?.transcript.map((turn) => turn.role)).toEqual(['assistant', 'user', 'assistant', 'user', 'assistant']);
    expect(recorded?.transcript[1]?.content).toBe('What can this call do?');
    expect(recorded?.tools).toEqual(['show_card', 'highlight_section', 'click', 'scroll_to', 'highlight']);
  });

  test('copy and download the transcript as Markdown and JSON', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const call = new CallPage(page);
    await call.open('cat-character');
    await call.start();
    await expect(call.transcriptLines()).toHaveCount(2, { timeout: 20_000 });
    // The visitor's line arrives word by word: copy once it is final, as a person reading it would.
    await expect(call.transcriptLines().nth(1)).toHaveText(/^You What can this call do\?/);
    await expect(call.transcriptLines().nth(1)).not.toHaveClass(/transcript__line--interim/);

    await page.getByRole('button', { name: 'Copy' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Transcript copied.' })).toBeAttached();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(/^# Call with Mochi\n/);
    expect(copied).toContain('**You:** What can this call do?');

    const [markdown] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download Markdown' }).click()]);
    expect(markdown.suggestedFilename()).toBe('call-with-mochi.md');
    expect(await readFile((await markdown.path())!, 'utf8')).toContain('**Mochi:**');

    const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download JSON' }).click()]);
    expect(json.suggestedFilename()).toBe('call-with-mochi.json');
    const entries = JSON.parse(await readFile((await json.path())!, 'utf8')) as Array<{ role: string; text: string }>;
    expect(entries).toContainEqual(expect.objectContaining({ role: 'user', text: 'What can this call do?' }));
  });

  test('an emulated tool call shows its card and is recorded as a tool-call turn', async ({ page, request }) => {
    const call = new CallPage(page);
    await call.open('cat-character');
    await call.start();
    await expect(page.getByTestId('call-status')).toHaveText('Live');
    await expect(page.getByText('Client tools need an avatar with a preset voice')).toBeVisible();
    await page.getByText('Emulate tool call').click();
    await page.getByRole('button', { name: 'show_card' }).click();
    const card = page.getByRole('complementary', { name: 'Shown by the avatar' });
    await expect(card.getByRole('heading', { name: 'Runway Characters Starter' })).toBeVisible();
    await expect(card.getByRole('link', { name: /Open link/ })).toHaveAttribute('href', 'https://docs.dev.runwayml.com/characters/');

    await page.getByRole('button', { name: 'highlight_section' }).click();
    await expect(page.locator('[data-avatar-target="transcript"]')).toHaveAttribute('data-avatar-highlighted', 'true');

    const sessionId = await call.sessionId();
    await expect
      .poll(async () => (await new EmulatorState(request).session(sessionId))?.transcript.filter((turn) => turn.toolCalls))
      .toEqual([
        expect.objectContaining({ role: 'assistant', content: null, toolCalls: [expect.objectContaining({ name: 'show_card' })] }),
        expect.objectContaining({ role: 'assistant', content: null, toolCalls: [{ name: 'highlight_section', arguments: { section: 'transcript' } }] }),
      ]);
    await card.getByRole('button', { name: 'Dismiss' }).click();
    await expect(card).toBeHidden();
  });

  test('avatars without tools offer none', async ({ page }) => {
    const call = new CallPage(page);
    await call.open('tennis-coach');
    await call.start();
    await call.expectLive();
    await expect(page.getByText('Emulate tool call')).toBeHidden();
  });

  test('the countdown warns at one minute and ten seconds, then ends the call gracefully', async ({ page, request }) => {
    await page.clock.install();
    const call = new CallPage(page);
    await call.open('music-superstar');
    await call.start();
    await expect(page.getByTestId('call-status')).toHaveText('Live');
    const warning = page.getByTestId('countdown-warning');
    await expect(warning).toBeEmpty();

    await page.clock.fastForward('04:01');
    await expect(warning).toHaveText('One minute left in this call.');
    await page.clock.fastForward('00:50');
    await expect(warning).toHaveText('10 seconds left in this call.');
    await page.clock.fastForward('00:11');
    await expect(page.getByRole('heading', { name: 'Call ended' })).toBeVisible();
    await expect(page.getByTestId('call-duration')).toHaveText(/^[45]:\d\d$/);
    const sessionId = await call.sessionId();
    await expect.poll(() => new EmulatorState(request).statusOf(sessionId)).toBe('COMPLETED');

    await page.getByRole('button', { name: 'Start a new call' }).click();
    await call.expectLive();
    expect(await call.sessionId()).not.toBe(sessionId);
  });

  test('the end screen shows the transcript, and links a signed-in admin to the conversation', async ({ page }) => {
    const call = new CallPage(page);
    await call.open('cat-character');
    await call.start();
    await expect(call.transcriptLines()).toHaveCount(2, { timeout: 20_000 });
    await call.endCall();
    await expect(call.transcriptLines().first()).toContainText('Mochi');
    await expect(page.getByRole('link', { name: 'View conversation' })).toHaveCount(0);

    expect((await page.request.post('/api/auth/login', { data: { password: CANARY.adminPassword } })).ok()).toBe(true);
    await call.open('cat-character');
    await call.start();
    await call.expectLive();
    const sessionId = await call.sessionId();
    await call.endCall();
    await expect(page.getByRole('link', { name: 'View conversation' })).toHaveAttribute('href', `/history/${sessionId}`);
  });
});

test.describe('layout and access', () => {
  test('no horizontal scroll at 360×740, before, during and after a call', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    const call = new CallPage(page);
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await call.open('cat-character');
    await call.checkDevices();
    await expect(page.getByLabel('Your camera preview')).toBeVisible();
    expect(await overflow()).toBe(0);
    await call.start();
    await expect(call.transcriptLines()).toHaveCount(1, { timeout: 20_000 });
    await page.getByText('Emulate tool call').click();
    await page.getByRole('button', { name: 'show_card' }).click();
    expect(await overflow()).toBe(0);
    await call.endCall();
    expect(await overflow()).toBe(0);
  });

  test('keyboard only: start, mute and end a call', async ({ page }) => {
    const call = new CallPage(page);
    await call.open('influencer');
    await (await call.tabTo('button', 'Start call')).press('Enter');
    await call.expectLive();
    await expect(page.getByTestId('call-status')).toHaveText('Live');
    const mute = await call.tabTo('button', 'Mute');
    await mute.press('Enter');
    await expect(page.getByRole('button', { name: 'Unmute' })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('button', { name: 'Unmute' })).toBeFocused();
    await (await call.tabTo('button', 'End call')).press('Enter');
    await expect(page.getByRole('heading', { name: 'Call ended' })).toBeVisible();
  });

  test('home, pre-join and in-call pages have no serious or critical accessibility violations', async ({ page }) => {
    // Four full axe scans on a busy page take a while on a small CI machine.
    test.setTimeout(120_000);
    await page.goto('/');
    expect(await seriousViolations(page)).toEqual([]);
    const call = new CallPage(page);
    await call.open('cat-character');
    await call.checkDevices();
    await expect(page.getByLabel('Your camera preview')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await call.start();
    await expect(call.transcriptLines()).toHaveCount(2, { timeout: 20_000 });
    expect(await seriousViolations(page)).toEqual([]);
    await call.endCall();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('the home page loads no Runway SDK or LiveKit code', async ({ page }) => {
    const scripts: string[] = [];
    page.on('response', async (response) => {
      if (response.request().resourceType() === 'script') scripts.push(await response.text().catch(() => ''));
    });
    await page.goto('/');
    await page.waitForLoadState('networkidle');
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.some((source) => source.includes('livekit') || source.includes('LiveKitRoom'))).toBe(false);
  });
});
