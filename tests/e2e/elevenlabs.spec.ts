import { expect, test, type APIRequestContext } from '@playwright/test';
import { CallPage, EmulatorState } from './pages/call-page';
import { signInAsAdmin } from './pages/history-pages';
import { DEMO_AVATAR_ID } from './ports';

/**
 * In emulator mode Ada, the built-in custom avatar, talks through the ElevenLabs stand-in's agent with no
 * setup: the server asks the stand-in for a signed URL, creates the session with it, and the emulated
 * worker speaks as that agent, in another voice. When ElevenLabs gives no URL, no session is created.
 */

async function sessionCount(request: APIRequestContext) {
  return (await new EmulatorState(request).sessions()).length;
}

test('Ada shows her brain, and a call with her is answered by the ElevenLabs agent, heard and in the transcript', async ({ page }) => {
  const call = new CallPage(page);
  await call.watchPeerConnections();
  await page.goto('/');
  const card = page.getByRole('region', { name: 'Your characters' }).getByRole('listitem').filter({ hasText: 'Ada' });
  await expect(card.getByText('ElevenLabs agent')).toBeVisible();
  // A preset keeps Runway's own model, unmarked.
  await expect(page.getByRole('listitem').filter({ hasText: 'Mochi' }).getByText('ElevenLabs agent')).toHaveCount(0);

  await call.open(DEMO_AVATAR_ID);
  await expect(page.getByText('Talks with: ElevenLabs agent')).toBeVisible();
  await call.start();
  await call.expectLive();
  await expect(call.avatarLines('Ada').first()).toContainText('Hello, the ElevenLabs agent answers.', { timeout: 20_000 });
  await call.expectAvatarAudible();
  // Spoken by the worker as the stand-in agent, not Runway's model: the room's record of the call says so too.
  const sessionId = await call.sessionId();
  const emulator = new EmulatorState(page.request);
  await expect
    .poll(async () => (await emulator.session(sessionId))?.transcript[0])
    .toMatchObject({ role: 'assistant', content: expect.stringContaining('the ElevenLabs agent answers') });
  await call.endCall();
});

test('the avatar editor says which brain Ada uses and how to change it', async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto(`/avatars/${DEMO_AVATAR_ID}`);
  const note = page.getByRole('region', { name: 'Talks with: ElevenLabs agent' });
  await expect(note).toContainText('agent_emulator_standin');
  await expect(note).toContainText('ELEVENLABS_AGENTS');
});

test('an ElevenLabs failure shows the visitor plain copy and creates no session', async ({ page, request }) => {
  const emulator = new EmulatorState(request);
  await emulator.queueFaults('elevenlabs-500');
  const before = await sessionCount(request);

  const call = new CallPage(page);
  await call.open(DEMO_AVATAR_ID);
  await call.start();
  await expect(call.error()).toContainText('This character can’t talk right now');
  expect(await sessionCount(request)).toBe(before);
});
