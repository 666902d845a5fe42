import { DisconnectReason, SignalResponse } from '@livekit/protocol';
import { expect, test, type Page } from '@playwright/test';
import { CallPage, EmulatorState } from '../pages/call-page';
import { signInAsAdmin } from '../pages/history-pages';
import { SHORT_MAX_DURATION_SECONDS } from '../ports';

// The app of this project runs with SESSION_MAX_DURATION_SECONDS=12, so a whole call's end by the clock fits in
// a test. Both sides count: the page's countdown ends the call at zero, and the room itself ends it at
// maxDuration with a LeaveRequest (as Runway's does) for a page that did not.

/** The reasons of every LeaveRequest the room sends this page over signalling. */
function watchLeaveRequests(page: Page) {
  const reasons: string[] = [];
  page.on('websocket', (socket) => {
    if (!socket.url().includes('/rtc')) return;
    socket.on('framereceived', ({ payload }) => {
      if (typeof payload === 'string') return;
      const message = SignalResponse.fromBinary(new Uint8Array(payload)).message;
      if (message.case === 'leave') reasons.push(DisconnectReason[message.value.reason]);
    });
  });
  return reasons;
}

async function recordedDuration(page: Page, sessionId: string) {
  const response = await page.request.get(`/api/conversations/${sessionId}`);
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { durationSeconds?: number | null }).durationSeconds;
}

test('the countdown warns at ten seconds and the call ends by itself at maxDuration', async ({ page, request }) => {
  await signInAsAdmin(page);
  const call = new CallPage(page);
  await call.open('music-superstar');
  await call.start();
  await call.expectLive();
  const sessionId = await call.sessionId();
  await expect(page.getByRole('timer', { name: 'Time remaining' })).toHaveText(/^0:(1[0-2]|0\d)$/);
  // A 12 s call is already inside its last minute; the ten-second warning follows.
  const warning = page.getByTestId('countdown-warning');
  await expect(warning).toHaveText(/^(One minute|10 seconds) left in this call\.$/);
  await expect(warning).toHaveText('10 seconds left in this call.', { timeout: 5_000 });

  // Nobody presses End call.
  await expect(page.getByRole('heading', { name: 'Call ended' })).toBeVisible({ timeout: (SHORT_MAX_DURATION_SECONDS + 8) * 1000 });
  await expect(page.getByTestId('call-duration')).toHaveText(/^0:1[1-3]$/);
  await expect.poll(() => new EmulatorState(request).statusOf(sessionId)).toBe('COMPLETED');
  // The page counts from the moment it has the credentials, the session from the moment media connected, so
  // the page hangs up first and the recorded call is shorter by the time it took to connect (1–2 s here).
  const recorded = (await recordedDuration(page, sessionId))!;
  expect(recorded).toBeLessThanOrEqual(SHORT_MAX_DURATION_SECONDS);
  expect(recorded).toBeGreaterThanOrEqual(SHORT_MAX_DURATION_SECONDS - 3);

  await page.getByRole('button', { name: 'Start a new call' }).click();
  await call.expectLive();
  expect(await call.sessionId()).not.toBe(sessionId);
});

test('the room ends the call at maxDuration with a LeaveRequest, and the page shows the ending', async ({ page, request }) => {
  await signInAsAdmin(page);
  const leaves = watchLeaveRequests(page);
  // The page's countdown would hang up first (it starts counting before the room connects). Winding the
  // page's wall clock back a minute once the call is up leaves its timers running but its countdown far from
  // zero, so only the room's own deadline can end this call.
  await page.clock.install();
  const call = new CallPage(page);
  await call.open('music-superstar');
  await call.start();
  await call.expectLive();
  const sessionId = await call.sessionId();
  await page.clock.setSystemTime(Date.now() - 60_000);
  await expect(page.getByRole('timer', { name: 'Time remaining' })).toHaveText(/^1:\d\d$/);
  await call.expectVideoDecoding();

  await expect(page.getByRole('heading', { name: 'Call ended' })).toBeVisible({ timeout: (SHORT_MAX_DURATION_SECONDS + 8) * 1000 });
  // ROOM_CLOSED is the room's reason at maxDuration (END_CALL and leaving close it as ROOM_DELETED / client-initiated).
  expect(leaves).toContain('ROOM_CLOSED');
  await expect.poll(() => new EmulatorState(request).statusOf(sessionId)).toBe('COMPLETED');
  expect(Math.abs((await recordedDuration(page, sessionId))! - SHORT_MAX_DURATION_SECONDS)).toBeLessThanOrEqual(1);
});
