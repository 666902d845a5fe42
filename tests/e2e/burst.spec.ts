import { expect, test, type APIRequest, type APIRequestContext, type APIResponse } from '@playwright/test';
import { parseEnv } from '../../lib/env-schema';
import { CANARY } from './canaries';
import { EmulatorState } from './pages/call-page';
import { pool } from './pool';

/**
 * A burst of 500 session requests from one client: how many the app allows, and how many sessions the
 * emulator (the stand-in for Runway, and what would be billed) actually created.
 *
 * What bounds it here: playwright.config.ts raises RATE_LIMIT_SESSIONS_PER_MINUTE to 1000 for the other
 * tests, so the per-client rate does not bite at 500; the cap on sessions in flight (MAX_CONCURRENT_SESSIONS,
 * default 5) does, with the daily minutes budget (each admitted request reserves a session's minutes until it
 * is refused) as a possible second reason. Either way a refused request must be a 429 with Retry-After, and
 * must be refused before the app calls Runway: the emulator must hold exactly one new session per 201.
 */

const BURST = 500;
const AT_ONCE = 50;
/** The burst's own client (TEST-NET-3), so no other test's per-client counters are involved. */
const CLIENT = '203.0.113.7';
/** The server gets the test runner's environment plus playwright.config.ts's; the config leaves this one alone. */
const CAP = parseEnv({ MAX_CONCURRENT_SESSIONS: process.env.MAX_CONCURRENT_SESSIONS }).MAX_CONCURRENT_SESSIONS;

interface EmulatedSession {
  id: string;
  status: string;
}

interface Started {
  sessionId: string;
  ticket: string;
}

async function signedIn(playwright: { request: APIRequest }, baseURL: string) {
  const admin = await playwright.request.newContext({ baseURL });
  const login = await admin.post('/api/auth/login', { data: { password: CANARY.adminPassword } });
  expect(login.ok()).toBe(true);
  return admin;
}

async function emulatorSessions(admin: APIRequestContext): Promise<EmulatedSession[]> {
  return (await new EmulatorState(admin).sessions()) as unknown as EmulatedSession[];
}

/** What limit refused a request, from its message (lib/server/security/limits.ts). */
function reason(message: string) {
  if (message.startsWith('All avatars are busy')) return 'all avatars busy';
  if (message.startsWith('Today')) return 'daily budget';
  if (message.startsWith('You are starting calls too quickly')) return 'per-client rate';
  return message;
}

test('a burst of 500 session requests from one client: 429s beyond the concurrency cap, one emulated session per 201', async ({
  request,
  playwright,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const admin = await signedIn(playwright, baseURL!);
  const before = await emulatorSessions(admin);
  const inFlightBefore = before.filter((session) => ['NOT_READY', 'READY', 'RUNNING'].includes(session.status)).length;

  const origin = new URL(baseURL!).origin;
  const headers = { 'x-forwarded-for': CLIENT, origin, 'sec-fetch-site': 'same-origin' };
  const started = Date.now();
  const responses = await pool(
    Array.from({ length: BURST }, (_, i) => i),
    AT_ONCE,
    async () => {
      const response: APIResponse = await request.post('/api/sessions', { data: { avatarId: 'cat-character' }, headers, timeout: 30_000 });
      const body = (await response.json().catch(() => undefined)) as
        (Started & { error?: { code?: unknown; message?: unknown } }) | undefined;
      return { status: response.status(), retryAfter: response.headers()['retry-after'], body };
    },
  );
  const elapsed = ((Date.now() - started) / 1000).toFixed(1);

  const allowed = responses.filter((response) => response.status === 201).map((response) => response.body as Started);
  const refused = responses.filter((response) => response.status !== 201);
  try {
    const after = await emulatorSessions(admin);
    const known = new Set(before.map((session) => session.id));
    const created = after.filter((session) => !known.has(session.id));

    const reasons: Record<string, number> = {};
    for (const { body } of refused) {
      const key = reason(typeof body?.error?.message === 'string' ? body.error.message : 'no message');
      reasons[key] = (reasons[key] ?? 0) + 1;
    }
    const otherStatuses = refused.filter((response) => response.status !== 429).map((response) => response.status);
    console.log(
      `burst: ${BURST} requests from ${CLIENT} (${AT_ONCE} at a time, ${elapsed} s) → ${allowed.length} allowed, ` +
        `${refused.length} refused (429: ${JSON.stringify(reasons)}${otherStatuses.length ? `; other statuses ${JSON.stringify(otherStatuses)}` : ''}), ` +
        `emulator created ${created.length} sessions; cap ${CAP}, ${inFlightBefore} emulated sessions in flight before`,
    );

    // Something got through, and never more than the cap on sessions in flight. A burst slower than the
    // consume window (20 s after READY) sees its first sessions reclaimed and cancelled by the server, which
    // frees their slots: those are no longer in flight.
    const reclaimed = created.filter((session) => session.status === 'CANCELLED').length;
    expect(allowed.length, 'sessions from earlier tests may hold slots, but not all of them').toBeGreaterThanOrEqual(1);
    expect(allowed.length - reclaimed).toBeLessThanOrEqual(CAP);
    // Each session already in flight holds a slot (finished ones may too, until they are cancelled or expire).
    if (!reclaimed) expect(allowed.length).toBeLessThanOrEqual(CAP - inFlightBefore);
    // Every refusal is a proper 429: Retry-After in whole seconds and our error shape.
    for (const response of refused) {
      expect(response.status).toBe(429);
      expect(response.retryAfter).toMatch(/^[1-9]\d*$/);
      expect(response.body?.error).toEqual(expect.objectContaining({ code: 'rate_limited', message: expect.any(String) }));
    }
    // Refused before Runway was called: the emulator has exactly the sessions that were allowed.
    expect(created.map((session) => session.id).sort()).toEqual(allowed.map((session) => session.sessionId).sort());
    expect(created.every((session) => ['NOT_READY', 'READY', 'CANCELLED'].includes(session.status))).toBe(true);
  } finally {
    // Cancel what the burst started, so its slots are free for the tests that follow.
    for (const { sessionId, ticket } of allowed) {
      const cancelled = await request.delete(`/api/sessions/${sessionId}`, { headers: { ...headers, 'x-session-ticket': ticket } });
      // 409 "already ended" only for one the server reclaimed during a slow burst.
      expect([204, 409], `cancel ${sessionId}`).toContain(cancelled.status());
    }
  }

  const settled = await emulatorSessions(admin);
  for (const { sessionId } of allowed) expect(settled.find((session) => session.id === sessionId)?.status).toBe('CANCELLED');
  // Cancelling freed the slots (they are shared by all clients): a call can start again at once. From another
  // address, so the burst client's per-minute count stays at 500 and a rerun on the same server passes too.
  const probe = { ...headers, 'x-forwarded-for': '203.0.113.8' };
  const again = await request.post('/api/sessions', { data: { avatarId: 'cat-character' }, headers: probe });
  expect(again.status()).toBe(201);
  const { sessionId, ticket } = (await again.json()) as Started;
  expect((await request.delete(`/api/sessions/${sessionId}`, { headers: { ...probe, 'x-session-ticket': ticket } })).status()).toBe(204);
  await admin.dispose();
});
