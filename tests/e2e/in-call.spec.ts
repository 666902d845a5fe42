import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { CANARY } from './canaries';
import { seriousViolations } from './pages/axe';
import { CallPage, EmulatorState } from './pages/call-page';

// The in-call experience on the emulator, in Chromium with fake camera and microphone.

const SCREENSHOT = 'docs/call-page.png';

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
    const sessionId = await call.sessionId();
    const emulator = new EmulatorState(request);
    expect(await emulator.statusOf(sessionId)).toBe('RUNNING');
    // The room sees the microphone and no live camera: none published, or published muted.
    await expect.poll(async () => (await emulator.visitorTracks(sessionId, 'microphone')).length).toBe(1);
    expect((await emulator.visitorTracks(sessionId, 'camera')).every((track) => track.muted)).toBe(true);
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

test.describe('in a call', () => {
  test('connection quality, the speaking chip, interim words and captions; the README screenshot shows the avatar on video', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    const call = new CallPage(page);
    await call.open('cat-character');
    await call.start();
    await call.expectLive();
    // The greeting arrives word by word while the agent speaks (about five seconds): one interim line, the
    // chip on. Checked first, while it plays; the line stays interim until the next turn begins.
    await expect(page.locator('.transcript__line--interim')).toHaveCount(1);
    await expect(call.speakingChip('avatar')).toBeVisible();
    await page.getByRole('button', { name: 'Captions' }).click();
    const captions = page.getByTestId('captions');
    await expect(captions).toBeVisible();
    // Captions follow the same words as the transcript.
    const spoken = (await call.avatarLines('Mochi').first().textContent()) ?? '';
    await expect(captions).not.toBeEmpty();
    expect(spoken).toContain((await captions.textContent())!.split(' ')[0]!);
    // The room reports the visitor's connection quality over signalling, every five seconds.
    await expect(page.getByTestId('connection-quality')).toContainText('Excellent');

    // The picture is of a healthy call: the visitor's mic and camera published (no error under the controls)
    // and the avatar's face on video (decoded frames, not a placeholder).
    await expect(page.getByRole('toolbar', { name: 'Call controls' }).getByRole('alert')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Mute' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Turn camera off' })).toBeVisible();
    await call.expectVideoDecoding(24);
    await expect(call.avatarVideo()).toHaveJSProperty('paused', false);
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });

  test('copy and download the transcript as Markdown and JSON', async ({ page, context, request }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const call = new CallPage(page);
    await call.open('cat-character');
    await call.start();
    await call.expectLive();
    // The room records the greeting as it starts to speak it; the page shows it word by word.
    const sessionId = await call.sessionId();
    const spokenGreeting = async () =>
      (await new EmulatorState(request).session(sessionId))?.transcript.find((turn) => turn.role === 'assistant' && turn.content)?.content;
    await expect.poll(spokenGreeting, { timeout: 20_000 }).toBeTruthy();
    const greeting = (await spokenGreeting())!;
    // Copy once the whole greeting is on the page, as a person reading it would.
    await expect(call.avatarLines('Mochi').first()).toContainText(greeting, { timeout: 20_000 });

    await page.getByRole('button', { name: 'Copy' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Transcript copied.' })).toBeAttached();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(/^# Call with Mochi\n/);
    expect(copied).toContain(`**Mochi:** ${greeting}`);

    const [markdown] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download Markdown' }).click()]);
    expect(markdown.suggestedFilename()).toBe('call-with-mochi.md');
    expect(await readFile((await markdown.path())!, 'utf8')).toContain(`**Mochi:** ${greeting}`);

    const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download JSON' }).click()]);
    expect(json.suggestedFilename()).toBe('call-with-mochi.json');
    const entries = JSON.parse(await readFile((await json.path())!, 'utf8')) as Array<{ role: string; text: string }>;
    expect(entries).toContainEqual(expect.objectContaining({ role: 'assistant', text: greeting }));
  });

  test('a tool call the emulator’s control API asks for goes through the room, shows its card and is recorded as a tool-call turn', async ({
    page,
    request,
  }) => {
    const call = new CallPage(page);
    await call.open('cat-character');
    await call.start();
    await call.expectLive();
    await expect(page.getByText('Client tools need an avatar with a preset voice')).toBeVisible();
    await call.emulateToolCall('show_card', {
      title: 'Runway Characters Starter',
      body: 'Clone it, set your key, and your avatar takes calls on your site.',
      url: 'https://docs.dev.runwayml.com/characters/',
    });
    const card = page.getByRole('complementary', { name: 'Shown by the avatar' });
    await expect(card.getByRole('heading', { name: 'Runway Characters Starter' })).toBeVisible();
    await expect(card.getByRole('link', { name: /Open link/ })).toHaveAttribute('href', 'https://docs.dev.runwayml.com/characters/');

    await call.emulateToolCall('highlight_section', { section: 'transcript' });
    await expect(page.locator('[data-avatar-target="transcript"]')).toHaveAttribute('data-avatar-highlighted', 'true');

    // The agent records each client_event it sent; its own scripted cue may add more later in the call.
    const sessionId = await call.sessionId();
    await expect
      .poll(async () => (await new EmulatorState(request).session(sessionId))?.transcript.filter((turn) => turn.toolCalls))
      .toEqual(
        expect.arrayContaining([
          expect.objectContaining({ role: 'assistant', content: null, toolCalls: [expect.objectContaining({ name: 'show_card' })] }),
          expect.objectContaining({
            role: 'assistant',
            content: null,
            toolCalls: [{ name: 'highlight_section', arguments: { section: 'transcript' } }],
          }),
        ]),
      );
    await card.getByRole('button', { name: 'Dismiss' }).click();
    await expect(card).toBeHidden();
  });

  test('avatars without tools are created with none, and show no tool guide', async ({ page, request }) => {
    const call = new CallPage(page);
    await call.open('tennis-coach');
    await call.start();
    await call.expectLive();
    expect((await new EmulatorState(request).session(await call.sessionId()))?.tools).toEqual([]);
    await expect(page.getByRole('heading', { name: /can do on this page/ })).toBeHidden();
  });

  test('the end screen shows the transcript, and links a signed-in admin to the conversation', async ({ page }) => {
    const call = new CallPage(page);
    await call.open('cat-character');
    await call.start();
    await call.expectLive();
    await expect(call.avatarLines('Mochi').first()).toBeVisible({ timeout: 20_000 });
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
    await call.expectLive();
    await expect(call.avatarLines('Mochi').first()).toBeVisible({ timeout: 20_000 });
    expect(await overflow()).toBe(0);
    await call.emulateToolCall('show_card', {
      title: 'Runway Characters Starter',
      body: 'Clone it, set your key, and your avatar takes calls on your site.',
      url: 'https://docs.dev.runwayml.com/characters/',
    });
    await expect(page.getByRole('complementary', { name: 'Shown by the avatar' })).toBeVisible();
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
    await call.expectLive();
    // Scanned with the avatar on video and its greeting in the transcript.
    await call.expectVideoDecoding();
    await expect(call.avatarLines('Mochi').first()).toBeVisible({ timeout: 20_000 });
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
