import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { CallPage, EmulatorState } from './pages/call-page';

test.describe('a call on the emulator', () => {
  test('home → start call → progress → the avatar on video → end → a new call gets a new session', async ({ page, request }) => {
    const call = new CallPage(page);
    await call.watchCsp();
    await page.goto('/');
    await expect(page.getByText('Emulator mode')).toBeVisible();
    await page.getByRole('link', { name: 'Start call with Mochi' }).click();
    await expect(page.getByRole('heading', { name: 'Mochi', level: 1 })).toBeVisible();

    await call.start();
    await expect(page.getByRole('list', { name: 'Progress' })).toBeVisible();
    await call.expectLive();
    await call.expectVideoDecoding();
    await expect(page.getByRole('timer', { name: 'Time remaining' })).toHaveText(/^[45]:\d\d$/);
    const firstSession = await call.sessionId();
    expect(await new EmulatorState(request).statusOf(firstSession)).toBe('RUNNING');

    await call.endCall();
    // Hanging up ends the session cleanly, COMPLETED rather than cancelled: by END_CALL, or, should the
    // closing connection lose that message, when the visitor stays away (3 s here).
    await expect.poll(() => new EmulatorState(request).statusOf(firstSession), { timeout: 10_000 }).toBe('COMPLETED');

    await page.getByRole('button', { name: 'Start a new call' }).click();
    await call.expectLive();
    const secondSession = await call.sessionId();
    expect(secondSession).not.toBe(firstSession);
    await expect(await call.timeline()).toContainText('consumed');
    expect(await call.cspViolations()).toEqual([]);
  });

  test('the demo custom avatar is listed and callable, and greets as the ElevenLabs stand-in agent it talks through', async ({ page }) => {
    await page.goto('/');
    const yours = page.getByRole('region', { name: 'Your characters' });
    await yours.getByRole('link', { name: 'Start call with Ada' }).click();
    const call = new CallPage(page);
    await call.start();
    await call.expectLive();
    // In emulator mode Ada's conversation is the stand-in ElevenLabs agent's (tests/e2e/elevenlabs.spec.ts).
    await expect(call.avatarLines('Ada').first()).toContainText('the ElevenLabs agent answers', { timeout: 20_000 });
  });

  test('a FAILED session shows what happened, and Retry starts a fresh one', async ({ page, request }) => {
    await new EmulatorState(request).queueFaults('fail');
    const call = new CallPage(page);
    await call.open('cooking-teacher');
    await call.start();
    await expect(call.error()).toContainText('The avatar couldn’t start');
    const failedSession = await call.sessionId();

    await call.error().getByRole('button', { name: 'Retry' }).click();
    await call.expectLive();
    await call.expectVideoDecoding();
    expect(await call.sessionId()).not.toBe(failedSession);
  });

  test('a busy Runway (429) says so and keeps Retry available', async ({ page, request }) => {
    await new EmulatorState(request).queueFaults('http-429');
    const call = new CallPage(page);
    await call.open('tennis-coach');
    await call.start();
    await expect(call.error()).toContainText('All avatars are busy');
    await expect(call.error()).toContainText('Try again in 30 s');
    await call.error().getByRole('button', { name: 'Retry' }).click();
    await call.expectLive();
  });

  test('an unknown avatar shows a not-found page', async ({ page }) => {
    const response = await page.goto('/call/not-an-avatar');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
  });
});

/** Starts a call whose session never becomes READY, and waits until the page shows it queued. */
async function startStuckInQueue(page: Page, request: APIRequestContext, avatarId: string) {
  const emulator = new EmulatorState(request);
  await emulator.queueFaults('never-ready');
  const call = new CallPage(page);
  await call.open(avatarId);
  await call.start();
  await expect(page.getByRole('status').filter({ hasText: 'In queue' })).toBeVisible();
  return { emulator, call, sessionId: await call.sessionId() };
}

test.describe('a session the visitor abandons is cancelled', () => {
  test('by navigating within the app during provisioning', async ({ page, request }) => {
    const { emulator, sessionId } = await startStuckInQueue(page, request, 'influencer');

    await page.getByRole('link', { name: /Runway Characters/ }).click();
    await expect(page.getByRole('heading', { name: 'Talk to a Runway Character' })).toBeVisible();
    await expect.poll(() => emulator.statusOf(sessionId)).toBe('CANCELLED');
  });

  test('by closing the page during provisioning', async ({ page, context, request }) => {
    const { emulator, sessionId } = await startStuckInQueue(page, request, 'human-resource');

    await page.close({ runBeforeUnload: true });
    await expect.poll(() => emulator.statusOf(sessionId)).toBe('CANCELLED');
    await context.close();
  });

  test('by leaving during a call that was never hung up: the room ends it COMPLETED once the visitor stays away', async ({
    page,
    request,
  }) => {
    const emulator = new EmulatorState(request);
    const call = new CallPage(page);
    await call.open('game-character');
    await call.start();
    await call.expectLive();
    const sessionId = await call.sessionId();
    await expect.poll(() => emulator.statusOf(sessionId)).toBe('RUNNING');

    // The call happened, so it is not cancelled: as on Runway, the agent ends the session when its visitor
    // does not come back (EMULATOR_DEPARTURE_TIMEOUT_MS), and the transcript is kept for history.
    await page.goto('/');
    await expect.poll(() => emulator.statusOf(sessionId), { timeout: 15_000 }).toBe('COMPLETED');
  });

  test('with the Cancel button', async ({ page, request }) => {
    const { emulator, call, sessionId } = await startStuckInQueue(page, request, 'game-character-man');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(call.startButton()).toBeVisible();
    await expect.poll(() => emulator.statusOf(sessionId)).toBe('CANCELLED');
  });
});
