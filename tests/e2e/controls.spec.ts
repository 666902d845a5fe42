import { expect, test } from '@playwright/test';
import { CallPage, EmulatorState } from './pages/call-page';

// The call controls, checked where they matter: in the room. The emulator's control API lists the visitor's published
// tracks as the emulated LiveKit server knows them (source and muted flag), so a button that only changed
// its label would fail here.

test('mute and unmute, and the camera off and on, show in the room', async ({ page, request }) => {
  const emulator = new EmulatorState(request);
  const call = new CallPage(page);
  await call.open('tennis-coach');
  await call.start();
  await call.expectLive();
  const sessionId = await call.sessionId();
  const mic = () => emulator.visitorTracks(sessionId, 'microphone');
  const camera = () => emulator.visitorTracks(sessionId, 'camera');
  await expect.poll(async () => (await mic()).map((track) => track.muted)).toEqual([false]);
  await expect.poll(async () => (await camera()).map((track) => track.muted)).toEqual([false]);

  await page.getByRole('button', { name: 'Mute' }).click();
  await expect(page.getByRole('button', { name: 'Unmute' })).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => (await mic()).map((track) => track.muted)).toEqual([true]);
  await page.getByRole('button', { name: 'Unmute' }).click();
  await expect(page.getByRole('button', { name: 'Mute' })).toHaveAttribute('aria-pressed', 'false');
  await expect.poll(async () => (await mic()).map((track) => track.muted)).toEqual([false]);

  // livekit-client mutes the camera track rather than unpublishing it; either way no live camera is left.
  await page.getByRole('button', { name: 'Turn camera off' }).click();
  await expect(page.getByRole('button', { name: 'Turn camera on' })).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => (await camera()).every((track) => track.muted)).toBe(true);
  await page.getByRole('button', { name: 'Turn camera on' }).click();
  await expect.poll(async () => (await camera()).map((track) => track.muted)).toEqual([false]);
  // The avatar's side is untouched by the visitor's controls.
  await call.expectVideoDecoding();
});

test('screen share publishes a screen_share track, and stopping it unpublishes it', async ({ page, request }) => {
  const emulator = new EmulatorState(request);
  const call = new CallPage(page);
  await call.open('tennis-coach');
  await call.start();
  await call.expectLive();
  const sessionId = await call.sessionId();
  const screen = () => emulator.visitorTracks(sessionId, 'screen_share');
  expect(await screen()).toEqual([]);

  // Chromium picks "Entire screen" by itself (--auto-select-desktop-capture-source in playwright.config.ts).
  await page.getByRole('button', { name: 'Share screen' }).click();
  await expect(page.getByRole('button', { name: 'Stop sharing' })).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => (await screen()).length).toBe(1);
  await page.getByRole('button', { name: 'Stop sharing' }).click();
  await expect(page.getByRole('button', { name: 'Share screen' })).toBeVisible();
  // Unpublishing is not a mute: the room drops the track (or at least marks it muted).
  await expect.poll(async () => (await screen()).every((track) => track.muted)).toBe(true);
});

test('the Devices menu switches the microphone and camera mid-call, and the call keeps publishing', async ({ page, request }) => {
  const emulator = new EmulatorState(request);
  const call = new CallPage(page);
  await call.watchPeerConnections();
  await call.open('tennis-coach');
  await call.start();
  await call.expectLive();
  const sessionId = await call.sessionId();
  await expect.poll(async () => (await emulator.visitorTracks(sessionId, 'microphone')).length).toBe(1);
  const kinds = { Microphone: 'audio', Camera: 'video' } as const;

  await page.getByText('Devices', { exact: true }).click();
  for (const label of ['Microphone', 'Camera'] as const) {
    const picker = page.getByRole('toolbar', { name: 'Call controls' }).getByRole('combobox', { name: label });
    await expect(picker).toBeVisible();
    const options = picker.getByRole('option');
    const values = await options.evaluateAll((elements) => elements.map((element) => (element as HTMLOptionElement).value).filter(Boolean));
    // Chromium's fake devices: one camera and one or more microphones. Switch to a device other than the
    // active one when there is one; with a single device, choose it explicitly, which is all a visitor can do.
    const current = await picker.inputValue();
    const target = values.find((value) => value !== current) ?? values[0]!;
    await picker.selectOption(target);
    await expect(picker).toHaveValue(target);
    // What is sent is what was picked: the track on the peer connection's sender comes from that device.
    await expect.poll(() => call.sentDeviceIds(kinds[label])).toEqual([target]);
    test.info().annotations.push({
      type: 'devices',
      description: `${label}: ${values.length} device(s); switched ${values.length > 1 ? 'to another' : 'to the only one'}`,
    });
  }
  // After the switch the tracks are still published and live in the room, and the call is still on.
  await expect(call.status()).toHaveText('Live');
  await expect.poll(async () => (await emulator.visitorTracks(sessionId, 'microphone')).map((track) => track.muted)).toEqual([false]);
  await expect.poll(async () => (await emulator.visitorTracks(sessionId, 'camera')).map((track) => track.muted)).toEqual([false]);
  await expect(call.stage().getByRole('alert')).toHaveCount(0);
});
