import { expect, test } from '@playwright/test';
import { CallPage, EmulatorState } from './pages/call-page';
import { HistoryPage, UsagePage, downloadText, playsMedia, signInAsAdmin } from './pages/history-pages';

/**
 * After the call, on the emulator: the call shows up in history with its transcript and recording, usage
 * counts it, and an avatar renders a video. Admin pages, so every test signs in first.
 */

const ADA = '6f1c2a4e-8b3d-4c5f-9a7e-2d4b6c8e0f13';
/** Ada talks through the ElevenLabs stand-in's agent in emulator mode: its greeting opens the call. */
const ADA_OPENING = 'Hello, the ElevenLabs agent answers.';

test.beforeEach(async ({ page }) => {
  await signInAsAdmin(page);
});

test('a call with Ada: in history with its transcript, exported, its recording plays, and usage counts it', async ({ page }) => {
  test.setTimeout(90_000);
  const usage = new UsagePage(page);
  await usage.open();
  const before = await usage.today();

  const call = new CallPage(page);
  await call.open(ADA);
  await call.start();
  await call.expectLive();
  const sessionId = await call.sessionId();
  // The room records each turn the agent speaks for history; the opening line is the agent's greeting.
  await expect
    .poll(async () => JSON.stringify(await (await page.request.get(`/api/conversations/${sessionId}`)).json()), { timeout: 20_000 })
    .toContain(ADA_OPENING);
  await call.endCall();

  const history = new HistoryPage(page);
  await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'History' }).click();
  await expect(page.getByRole('heading', { name: 'Conversation history' })).toBeVisible();
  await history.filter({ avatar: 'Ada', status: 'Ended' });
  const row = history.rows().filter({ has: history.linkTo(sessionId) });
  await expect(row).toContainText('Ada');
  await expect(row).toContainText('Ended');
  await history.linkTo(sessionId).click();

  await expect(page.getByRole('heading', { name: 'Ada', level: 1 })).toBeVisible();
  const transcript = page.getByRole('list', { name: 'Transcript' });
  await expect(transcript.getByRole('listitem').first()).toContainText(ADA_OPENING);
  await expect(transcript.getByRole('listitem').first()).toContainText(/\d\d:\d\d:\d\d UTC/);

  const [markdown] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export Markdown' }).click()]);
  expect(markdown.suggestedFilename()).toBe(`conversation-${sessionId}.md`);
  const text = await downloadText(markdown);
  expect(text).toContain('# Call with Ada');
  expect(text).toContain(ADA_OPENING);
  const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export JSON' }).click()]);
  expect(JSON.parse(await downloadText(json))).toMatchObject({ id: sessionId, status: 'ended', hasRecording: true });

  const recording = page.getByLabel('Call recording');
  const firstLink = await recording.getAttribute('src');
  expect(await playsMedia(recording)).toMatchObject({ error: null });
  // The link is fetched fresh on every load, never stored.
  await page.reload();
  expect(await page.getByLabel('Call recording').getAttribute('src')).not.toBe(firstLink);

  await usage.open();
  const after = await usage.today();
  expect(after.sessions).toBe(before.sessions + 1);
  expect(after.minutes).toBeGreaterThan(before.minutes);
  await expect(page.getByRole('img', { name: 'Minutes and sessions per day' })).toBeVisible();
  await expect(page.getByText('Daily minute budget')).toBeVisible();
  // The budget is charged for what calls ran, and says so (docs/security.md, "Costs").
  await expect(
    page.getByText(/reserves each session’s full length while the call may run; when it ends, the minutes it did not use come back/),
  ).toBeVisible();
});

test('delete a conversation after confirming', async ({ page, request }) => {
  const call = new CallPage(page);
  await call.open('cat-character');
  await call.start();
  await call.expectLive();
  const sessionId = await call.sessionId();
  await call.endCall();

  await page.goto(`/history/${sessionId}`);
  await page.getByRole('button', { name: 'Delete conversation' }).click();
  await page.getByRole('group', { name: 'Confirm deletion' }).getByRole('button', { name: 'Yes, delete' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Conversation deleted.' })).toBeVisible();
  await expect(new HistoryPage(page).linkTo(sessionId)).toHaveCount(0);
  expect((await page.request.get(`/api/conversations/${sessionId}`)).status()).toBe(404);
  // Deleting the conversation leaves the session's own record alone: it completes as any hung-up call does.
  await expect.poll(() => new EmulatorState(request).statusOf(sessionId), { timeout: 10_000 }).toBe('COMPLETED');
});

test('a cancelled call explains why it has no transcript', async ({ page, request }) => {
  const emulator = new EmulatorState(request);
  await emulator.queueFaults('never-ready');
  const call = new CallPage(page);
  await call.open('tennis-coach');
  await call.start();
  await expect(page.getByRole('status').filter({ hasText: 'In queue' })).toBeVisible();
  const sessionId = await call.sessionId();
  // Cancelled before the call began: nothing was said, so nothing is kept.
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect.poll(() => emulator.statusOf(sessionId)).toBe('CANCELLED');
  await expect.poll(async () => (await (await page.request.get(`/api/conversations/${sessionId}`)).json()).status).toBe('ended');
  await page.goto(`/history/${sessionId}`);
  await expect(page.getByText('A cancelled session keeps none.')).toBeVisible();
  await expect(page.getByText('No recording for this conversation.')).toBeVisible();
});

test('make a video of Ada from text, watch it render, play and download it', async ({ page }) => {
  await page.goto(`/avatars/${ADA}/video`);
  await expect(page.getByRole('heading', { name: 'Make a video with Ada' })).toBeVisible();
  await page.getByLabel('Script', { exact: true }).fill('Welcome to the Runway Characters Starter.');
  await expect(page.getByText('41 / 5000 characters')).toBeVisible();
  await page.getByLabel('Voice').selectOption({ label: 'Clara' });
  await page.getByRole('button', { name: 'Render video' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Queued|Rendering/ })).toBeVisible();
  const video = page.getByLabel('Video of Ada');
  await expect(video).toBeVisible({ timeout: 20_000 });
  expect(await playsMedia(video)).toMatchObject({ error: null });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download video' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^avatar-video-[0-9a-f-]{36}\.wav$/);
});

test('make a video of a preset from an uploaded audio file; a failed render says so', async ({ page, request }) => {
  await page.goto('/avatars/cat-character/video');
  await page.getByLabel('Upload audio').check();
  const picker = page.getByLabel(/Audio file/);
  await picker.setInputFiles({ name: 'notes.txt', mimeType: 'audio/wav', buffer: Buffer.from('not audio at all') });
  await expect(page.getByRole('alert').filter({ hasText: 'That file is not audio we can use' })).toBeVisible();
  await picker.setInputFiles({ name: 'hello.wav', mimeType: 'audio/wav', buffer: tinyWav() });
  await page.getByRole('button', { name: 'Render video' }).click();
  await expect(page.getByLabel('Video of Mochi')).toBeVisible({ timeout: 20_000 });

  await new EmulatorState(request).queueFaults('video-fail');
  await page.getByRole('button', { name: 'Make another video' }).click();
  await page.getByLabel('Type a script').check();
  await page.getByLabel('Script', { exact: true }).fill('This one fails.');
  await page.getByRole('button', { name: 'Render video' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Runway could not render this video' })).toBeVisible({ timeout: 20_000 });
});

/** 0.2 s of silence as 8 kHz 8-bit mono WAV. */
function tinyWav() {
  const samples = 1600;
  const buffer = Buffer.alloc(44 + samples, 128);
  buffer.write('RIFF', 0);
  buffer.writeUInt32LE(36 + samples, 4);
  buffer.write('WAVEfmt ', 8);
  buffer.writeUInt32LE(16, 16);
  buffer.writeUInt16LE(1, 20);
  buffer.writeUInt16LE(1, 22);
  buffer.writeUInt32LE(8000, 24);
  buffer.writeUInt32LE(8000, 28);
  buffer.writeUInt16LE(1, 32);
  buffer.writeUInt16LE(8, 34);
  buffer.write('data', 36);
  buffer.writeUInt32LE(samples, 40);
  return buffer;
}
