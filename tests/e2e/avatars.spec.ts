import { expect, test } from '@playwright/test';
import { pngImage, wavAudio } from 'runway-emulator/testing/media';
import { AvatarAdmin, createAvatarByApi } from './pages/avatar-admin';
import { CallPage, EmulatorState } from './pages/call-page';

/** Avatar management on the emulator, signed in as the admin: the journey from a photo to a call and back. */

const image = { name: 'face.png', mimeType: 'image/png', buffer: pngImage() };

test('create a character from an uploaded photo, call it, edit it, give it knowledge and a designed voice, delete it', async ({ page }) => {
  test.setTimeout(120_000);
  const admin = new AvatarAdmin(page);
  const name = `Nova ${Date.now() % 100_000}`;
  await admin.signIn();

  await test.step('create: upload, PROCESSING, then READY without a reload', async () => {
    await admin.create({ name, personality: 'You are Nova, a cheerful guide.', voice: 'Vincent', image });
    const row = admin.row(name);
    await expect(row.getByText('Processing')).toBeVisible();
    await expect(row.getByText('Ready')).toBeVisible({ timeout: 15_000 });
    await expect(row).toContainText('Voice: Vincent');
    await expect(row.getByRole('link', { name: `Talk to ${name}` })).toBeVisible();
  });

  await test.step('call it from the home gallery', async () => {
    await page.goto('/');
    await page.getByRole('link', { name: `Start call with ${name}` }).click();
    const call = new CallPage(page);
    await call.start();
    await call.expectLive();
    await call.endCall();
  });

  await test.step('edit personality and voice: only the changes are sent, the new voice shows', async () => {
    await admin.edit(name);
    await page.getByLabel('Personality').fill('You are Nova, a patient tutor.');
    await admin.chooseVoice('Clara');
    await expect(page.getByTestId('preview-voice')).toHaveText('Clara');
    const patch = page.waitForRequest((request) => request.method() === 'PATCH' && request.url().includes('/api/avatars/'));
    await admin.save();
    expect(JSON.parse((await patch).postData()!)).toEqual({
      personality: 'You are Nova, a patient tutor.',
      voice: { type: 'preset', presetId: 'clara' },
    });
    await expect(page.getByText(`Saved. ${name} now speaks with Clara.`)).toBeVisible();
  });

  await test.step('create a knowledge document and attach it', async () => {
    const document = `Opening hours ${Date.now() % 100_000}`;
    await admin.createDocument(document, '# Opening hours\n\nWe are open 9 to 5.');
    await admin
      .row(document)
      .getByRole('button', { name: `Open ${document}` })
      .click();
    await page.getByLabel('Attach to').selectOption({ label: name });
    await page.getByRole('button', { name: 'Attach', exact: true }).click();
    await expect(page.getByRole('button', { name: `Detach from ${name}` })).toBeVisible();
    await expect(admin.row(document)).toContainText(`Used by ${name}`);
    await page.goto('/avatars');
    await expect(admin.row(name)).toContainText('1 document');
  });

  await test.step('design a voice, preview it, assign it', async () => {
    const voice = `Narrator ${Date.now() % 100_000}`;
    await admin.designVoice(voice, 'A warm, calm narrator with a slight smile in the voice.');
    await admin.edit(name);
    await page.getByLabel('Search voices').fill(voice);
    await admin.chooseVoice(voice);
    await admin.save();
    await expect(page.getByText(`Saved. ${name} now speaks with ${voice}.`)).toBeVisible();
  });

  await test.step('delete it: a dialog names it, the list updates in place', async () => {
    await admin.delete(name);
    await page.goto('/');
    await expect(page.getByRole('link', { name: `Start call with ${name}` })).toBeHidden();
  });
});

test('an upload that is not really an image is refused by the server, next to the field', async ({ page }) => {
  const admin = new AvatarAdmin(page);
  await admin.signIn();
  await admin.openNew();
  await admin.uploadImage({
    name: 'face.png',
    mimeType: 'image/png',
    buffer: Buffer.from('just some text, not a picture at all. '.repeat(30)),
  });
  await expect(page.getByText('That file is not a PNG, JPEG or WebP image.')).toBeVisible();
  await expect(admin.imageFileInput()).toHaveAttribute('aria-invalid', 'true');
});

test('a character whose processing fails shows FAILED with the reason, and offers no Talk', async ({ page, request }) => {
  await new EmulatorState(request).queueFaults('avatar-fail');
  const admin = new AvatarAdmin(page);
  const name = `Faceless ${Date.now() % 100_000}`;
  await admin.signIn();
  await admin.create({ name, personality: 'You have no face.', voice: 'Victoria', image });
  await expect(admin.row(name).getByText(/Failed: No face could be found/)).toBeVisible({ timeout: 15_000 });
  await expect(admin.row(name).getByRole('link', { name: `Talk to ${name}` })).toBeHidden();
  await admin.delete(name);
});

test('clone a voice from a recording just under Runway’s 10 MB limit: through proxy.ts, checked and timed on the server', async ({
  page,
}) => {
  // 10 MB goes browser → app → emulator storage on a shared 2-core machine: about 30 s there.
  test.setTimeout(90_000);
  const admin = new AvatarAdmin(page);
  const name = `Clone ${Date.now() % 100_000}`;
  // 16-bit mono at 32 kHz: 64 000 bytes a second, so 163 s is 10 432 044 bytes.
  const recording = wavAudio(163, 32_000);
  expect(recording.length).toBeLessThan(10 * 1024 * 1024);
  await admin.signIn();
  await page.goto('/avatars/voices');
  const form = page.getByRole('form', { name: 'New voice' });
  await form.getByRole('radio', { name: 'Clone a recording' }).check();
  await form.getByLabel('Voice name').fill(name);
  await form.getByLabel('Recording (WAV or MP3)').setInputFiles({ name: 'me.wav', mimeType: 'audio/wav', buffer: recording });
  await expect(form.getByText('Sample uploaded: 163.0 s.')).toBeVisible({ timeout: 45_000 });
  await form.getByRole('button', { name: 'Save voice' }).click();
  await expect(admin.row(name).getByText('Ready')).toBeVisible({ timeout: 15_000 });
});

test('a new image while the last one is still processing: the form says why and saves once processing ends', async ({ page }) => {
  const admin = new AvatarAdmin(page);
  const name = `Iris ${Date.now() % 100_000}`;
  await admin.signIn();
  const id = await createAvatarByApi(page.request, { name, personality: 'You are Iris.' });
  await expect
    .poll(async () => ((await (await page.request.get(`/api/avatars/${id}`)).json()) as { status: string }).status, { timeout: 15_000 })
    .toBe('ready');

  await admin.edit(name);
  await page.getByRole('radio', { name: 'Link to an image' }).check();
  const link = page.getByLabel('Image link (HTTPS)');
  await link.fill('https://images.example.com/iris-2.png');
  await admin.save();
  await expect(page.getByText(/is processing its new image/)).toBeVisible();

  // Processing has just begun again: Runway refuses another image until it ends.
  await link.fill('https://images.example.com/iris-3.png');
  await admin.save();
  await expect(page.getByText(/cannot be updated while the avatar is processing\. Your changes are kept\./)).toBeVisible();
  await page.getByRole('button', { name: 'Save when processing finishes' }).click();
  await expect(page.getByText(/Waiting for the current image to finish processing/)).toBeVisible();
  await expect(page.getByText(/^Saved\./)).toBeVisible({ timeout: 15_000 });
  await admin.delete(name);
});
