import { expect, test } from '@playwright/test';
import { CallPage, EmulatorState } from './pages/call-page';
import { signInAsAdmin } from './pages/history-pages';

// A whole call in emulator mode, through the real Runway SDK, livekit-client and WebRTC against the emulated
// room. Chromium's fake camera publishes a test pattern; its fake microphone loops
// emulator/tests/fixtures/visitor-speech.wav (a spoken line, then silence), so the agent hears the visitor speak.

test('a whole call with Mochi: video and audio play, the avatar greets and answers the visitor, a tool card shows, and history keeps it', async ({
  page,
  request,
}) => {
  // Waiting for the agent to finish its greeting, hear the visitor and answer takes real time: its lines are
  // spoken at speaking pace.
  test.setTimeout(150_000);
  await signInAsAdmin(page);
  const emulator = new EmulatorState(request);
  const call = new CallPage(page);
  await call.watchPeerConnections();
  await call.watchCsp();
  await call.open('cat-character');

  await call.checkDevices();
  await expect(page.getByLabel('Your camera preview')).toBeVisible();
  await call.start();
  await call.expectLive();
  const sessionId = await call.sessionId();
  expect(await emulator.statusOf(sessionId)).toBe('RUNNING');

  // The agent's VP8 track decodes in the page. Its first line is spoken word by word, with the chip on, audibly.
  await call.expectVideoDecoding(24);
  const avatarLines = call.avatarLines('Mochi');
  await expect(avatarLines.first()).toBeVisible();
  await expect(call.speakingChip('avatar')).toBeVisible();
  await expect(call.speakingChip('avatar')).toHaveText('Mochi is speaking');
  await call.expectAvatarAudible();

  // The chip goes off when the line is spoken; the transcript shows every word the room says it said.
  await expect(call.speakingChip('avatar')).toBeHidden({ timeout: 30_000 });
  const greeting = (await emulator.session(sessionId))?.transcript.find((turn) => turn.role === 'assistant' && turn.content)?.content;
  expect(greeting).toBeTruthy();
  await expect(avatarLines.first()).toContainText(greeting!);

  // The visitor's fake microphone speaks: the chip shows it, the room adds a user turn and the avatar answers.
  await expect(call.speakingChip('you')).toBeVisible({ timeout: 20_000 });
  await expect(call.userLines().first()).toContainText(/\(you spoke for \d+\.\d s\)/, { timeout: 20_000 });
  // The fake mic repeats its line every 5 s, so replies may already be several: at least one is wanted.
  await expect.poll(() => avatarLines.count(), { timeout: 20_000, message: 'the avatar answers' }).toBeGreaterThanOrEqual(2);
  await expect(call.speakingChip('avatar')).toBeVisible();
  // Runway's flat transcription deltas finalise a turn when the next turn of that role begins.
  await expect(avatarLines.first()).not.toHaveClass(/transcript__line--interim/);
  await call.expectVideoDecoding(24);

  // A tool call through the room: the emulator's control API asks the agent, which sends a client_event with
  // arguments it made up from the tool's parameters (the title's example), and the card shows.
  await call.emulateToolCall('show_card');
  const card = page.getByRole('complementary', { name: 'Shown by the avatar' });
  await expect(card.getByRole('heading', { name: 'Runway Characters Starter' })).toBeVisible();
  await card.getByRole('button', { name: 'Dismiss' }).click();
  await expect(card).toBeHidden();

  await call.endCall();
  // The SDK, livekit-client and WebRTC ran under the app's CSP without a violation.
  expect(await call.cspViolations()).toEqual([]);
  // Hanging up sends END_CALL: the session ends cleanly, not as a cancellation.
  await expect.poll(() => emulator.statusOf(sessionId)).toBe('COMPLETED');
  const recorded = (await emulator.session(sessionId))?.transcript ?? [];
  expect(recorded.filter((turn) => turn.role === 'assistant' && turn.content).length).toBeGreaterThanOrEqual(2);
  expect(recorded.some((turn) => turn.role === 'user' && /^\(you spoke for \d+\.\d s\)$/.test(turn.content ?? ''))).toBe(true);
  expect(recorded.some((turn) => turn.toolCalls?.some((tool) => tool.name === 'show_card'))).toBe(true);

  // The end screen links the admin to the conversation, which lists the same turns.
  await page.getByRole('link', { name: 'View conversation' }).click();
  await expect(page).toHaveURL(`/history/${sessionId}`);
  const transcript = page.getByRole('list', { name: 'Transcript' });
  await expect(transcript.getByRole('listitem').filter({ hasText: greeting! })).toHaveCount(1);
  await expect(
    transcript
      .getByRole('listitem')
      .filter({ hasText: /\(you spoke for \d+\.\d s\)/ })
      .first(),
  ).toBeVisible();
});
