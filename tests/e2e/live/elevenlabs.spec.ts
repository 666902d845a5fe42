import { expect, test } from '@playwright/test';
import { CANARY } from '../canaries';
import { CallPage, EmulatorState } from '../pages/call-page';
import { DEMO_AVATAR_ID } from '../ports';

// Live mode with ELEVENLABS_BASE_URL at the emulator server, which serves the ElevenLabs stand-in beside
// Runway's API: the app sends its ElevenLabs key over HTTP for a signed URL and passes it to session create.

test('a call with Ada over HTTP is answered by the ElevenLabs agent, and no key reaches the page', async ({ page }) => {
  const bodies: Array<Promise<string>> = [];
  page.on('response', (response) => bodies.push(response.text().catch(() => '')));
  const call = new CallPage(page);
  await call.open(DEMO_AVATAR_ID);
  await expect(page.getByText('Talks with: ElevenLabs agent')).toBeVisible();
  await call.start();
  await call.expectLive(30_000);
  await expect(call.avatarLines('Ada').first()).toContainText('Hello, the ElevenLabs agent answers.', { timeout: 20_000 });
  await call.endCall();
  const everything = (await Promise.all(bodies)).join('\n');
  expect(everything).not.toContain(CANARY.elevenLabsKey);
  expect(everything).not.toContain('conversation_signature');
});

test('an ElevenLabs failure over HTTP shows the visitor plain copy and creates no session', async ({ page, request }) => {
  const fake = new EmulatorState(request);
  const sessions = async () => (await fake.sessions()).length;
  await fake.queueFaults('elevenlabs-401');
  const before = await sessions();
  const call = new CallPage(page);
  await call.open(DEMO_AVATAR_ID);
  await call.start();
  await expect(call.error()).toContainText('This character can’t talk right now');
  expect(await sessions()).toBe(before);
});
