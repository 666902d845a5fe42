import { expect, test } from '@playwright/test';
import { CallPage } from './pages/call-page';

test('no session key or API key reaches the browser during a whole call', async ({ page }) => {
  const bodies: string[] = [];
  page.on('response', async (response) => {
    const type = response.headers()['content-type'] ?? '';
    if (/json|html|javascript|text/.test(type)) bodies.push(await response.text().catch(() => ''));
  });

  const call = new CallPage(page);
  await call.open('music-superstar');
  await call.start();
  await expect(call.emulatedStage()).toBeVisible();
  await call.endCall();

  expect(bodies.length).toBeGreaterThan(5);
  const everything = bodies.join('\n');
  // Emulator session keys look like Runway's (stk_…); the emulator's placeholder API key is key_emulator.
  expect(everything).not.toMatch(/stk_[0-9a-f]{8}/);
  expect(everything).not.toContain('key_emulator');
  expect(everything).toContain('emulated.'); // the room token, which is meant for the browser, did arrive
});
