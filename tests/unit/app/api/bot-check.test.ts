import { http, HttpResponse } from 'msw';
import { NextRequest } from 'next/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { POST as oneShotRoute } from '@/app/api/avatar/session/route';
import { POST as botCheckRoute } from '@/app/api/bot-check/route';
import { POST as createRoute } from '@/app/api/sessions/route';
import { TURNSTILE_ORIGIN } from '@/lib/bot-check/bot-check';
import { botCheckForPage } from '@/lib/server/bot-check/bot-pass';
import { SITEVERIFY_URL } from '@/lib/server/bot-check/turnstile';
import { clientKey } from '@/lib/server/security/request-guards';
import { proxy } from '@/proxy';
import { useRunwayFake } from '@/tests/msw/runway';
import { server } from '@/tests/msw/server';
import { trainSharedReadinessModel } from '@/tests/unit/readiness';
import { jsonRequest, routeContext } from '@/tests/unit/request';
import { signInWithTestPassword, tamperPayload, tamperSignature, useFreshLimits } from '@/tests/unit/security';

/**
 * The optional bot check (Cloudflare Turnstile): POST /api/bot-check trades a widget token for a pass
 * cookie, which both call-start routes require while TURNSTILE_SITE_KEY and TURNSTILE_SECRET_KEY are set.
 * msw stands in for siteverify; nothing reaches the network.
 */

// The identity the server trusts is clientKey()'s to decide; these tests check that siteverify gets it.
vi.mock('@/lib/server/security/request-guards', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/server/security/request-guards')>();
  return { ...actual, clientKey: vi.fn(actual.clientKey) };
});

// Cloudflare's published always-pass test site key; the secret is a canary that must never leave the server.
const SITE_KEY = '1x00000000000000000000AA';
const SECRET = 'turnstile-secret-canary-5f1d2c';
const TOKEN = 'XXXX.DUMMY.TOKEN.XXXX';
const PASS = /^bot_pass=[^;\s]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=1200$/;

type Answer = () => Response;
const PASSES: Answer = () => HttpResponse.json({ success: true, 'error-codes': [], hostname: 'localhost' });
const refuses =
  (...codes: string[]): Answer =>
  () =>
    HttpResponse.json({ success: false, 'error-codes': codes });

/** What siteverify received, one form per call, and what it answers next. */
let siteverify: { calls: URLSearchParams[]; answer: Answer };

beforeEach(() => {
  siteverify = { calls: [], answer: PASSES };
  server.use(
    http.post(SITEVERIFY_URL, async ({ request }) => {
      siteverify.calls.push(new URLSearchParams(await request.text()));
      return siteverify.answer();
    }),
  );
});

const verify = (body: unknown, init: { url?: string; headers?: Record<string, string> } = {}) =>
  botCheckRoute(
    new Request(init.url ?? 'http://localhost/api/bot-check', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...init.headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
    routeContext({}),
  );

const createSession = (cookie?: string) =>
  createRoute(jsonRequest('/api/sessions', { body: { avatarId: 'cat-character' }, headers: cookie ? { cookie } : {} }), routeContext({}));
const startOneShot = (cookie?: string) =>
  oneShotRoute(
    jsonRequest('/api/avatar/session', { body: { avatarId: 'cat-character' }, headers: cookie ? { cookie } : {} }),
    routeContext({}),
  );
const CALL_STARTS = [
  ['POST /api/sessions', createSession, 201],
  ['POST /api/avatar/session', startOneShot, 200],
] as const;

/** The error in the one JSON shape every route uses: `{ error: { code, message } }` and nothing else. */
async function errorOf(response: Response) {
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  expect(response.headers.get('set-cookie')).toBeNull();
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(Object.keys(body)).toEqual(['error']);
  expect(Object.keys(body.error).filter((key) => key !== 'details')).toEqual(['code', 'message']);
  return { status: response.status, ...body.error };
}

/** A real pass, as the browser would send it back: `bot_pass=…`. */
async function earnPass() {
  const response = await verify({ token: TOKEN });
  expect(response.status).toBe(200);
  return response.headers.get('set-cookie')!.split(';')[0]!;
}

const passValue = (cookie: string) => cookie.slice('bot_pass='.length);

async function pagePolicy() {
  const response = await proxy(new NextRequest('http://localhost/call/cat-character'));
  return response.headers.get('content-security-policy')!;
}
const directive = (policy: string, name: string) => policy.split('; ').find((part) => part.startsWith(`${name} `));

trainSharedReadinessModel();

describe('with the bot check off (no TURNSTILE_* keys, the default)', () => {
  const fake = useRunwayFake();
  useFreshLimits();

  it.each(CALL_STARTS)('%s starts a call without any pass, as before', async (_, start, status) => {
    expect((await start()).status).toBe(status);
    expect(fake.requests).toContain('POST /v1/realtime_sessions');
  });

  it('POST /api/bot-check answers 404 and sets nothing, without asking Cloudflare', async () => {
    expect(await errorOf(await verify({ token: TOKEN }))).toMatchObject({ status: 404, code: 'not_found' });
    expect(siteverify.calls).toEqual([]);
  });

  it('gives the call page no bot check to show', async () => {
    expect(await botCheckForPage(null)).toBeNull();
  });

  it('leaves the page CSP without Turnstile: no challenges.cloudflare.com, no frame-src', async () => {
    const policy = await pagePolicy();
    expect(policy).not.toContain('challenges.cloudflare.com');
    expect(directive(policy, 'frame-src')).toBeUndefined();
  });
});

describe('with the bot check on (both TURNSTILE_* keys)', () => {
  const fake = useRunwayFake();
  useFreshLimits();
  let logged: unknown[][];

  beforeEach(() => {
    vi.stubEnv('TURNSTILE_SITE_KEY', SITE_KEY);
    vi.stubEnv('TURNSTILE_SECRET_KEY', SECRET);
    logged = [];
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(args));
    }
  });

  afterEach(() => {
    vi.useRealTimers();
    // Whatever happened in the test, the secret was never written to a log.
    expect(JSON.stringify(logged)).not.toContain(SECRET);
  });

  describe('the call-start routes', () => {
    it.each(CALL_STARTS)('%s refuses a start without a pass: 403 bot_check_required, and Runway never hears of it', async (_, start) => {
      expect(await errorOf(await start())).toEqual({
        status: 403,
        code: 'bot_check_required',
        message: 'Complete the check that you are human on the call page, then start the call.',
      });
      expect(fake.requests).toEqual([]);
    });

    it.each(CALL_STARTS)('%s starts the call with a pass from POST /api/bot-check', async (_, start, status) => {
      const cookie = await earnPass();
      expect((await start(`theme=dark; ${cookie}`)).status).toBe(status);
      expect(fake.requests).toContain('POST /v1/realtime_sessions');
    });

    it.each(CALL_STARTS)('%s refuses a pass that is forged, tampered with, expired or signed for something else', async (_, start) => {
      const cookie = await earnPass();
      const adminCookie = await signInWithTestPassword();
      const forgeries = [
        'bot_pass=forged',
        'bot_pass=',
        `bot_pass=${tamperSignature(passValue(cookie))}`,
        // A later expiry written over the real one, keeping the signature.
        `bot_pass=${tamperPayload(passValue(cookie), (claims) => ({ ...claims, exp: Number(claims.exp) + 365 * 86_400 }))}`,
        // The admin cookie's signed value, presented as a pass.
        `bot_pass=${adminCookie.slice('admin_session='.length)}`,
        // A pass under another cookie name.
        cookie.replace('bot_pass=', 'bot_passed='),
      ];
      for (const forged of forgeries) {
        expect(await errorOf(await start(forged)), forged).toMatchObject({ status: 403, code: 'bot_check_required' });
      }
      // No session was created (a GET here can only be an earlier test's call, still winding down).
      expect(fake.requests.filter((request) => !request.startsWith('GET '))).toEqual([]);
    });

    it.each(CALL_STARTS)('%s asks the signed-in admin for a pass too', async (_, start) => {
      expect(await errorOf(await start(await signInWithTestPassword()))).toMatchObject({ status: 403, code: 'bot_check_required' });
    });

    it.each(CALL_STARTS)('%s refuses a pass once its 20 minutes are over', async (_, start, status) => {
      const cookie = await earnPass();
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(Date.now() + 19 * 60_000);
      expect((await createSession(cookie)).status).toBe(201);
      vi.setSystemTime(Date.now() + 2 * 60_000);
      expect(await errorOf(await start(cookie))).toMatchObject({ status: 403, code: 'bot_check_required' });
      vi.useRealTimers();
      expect((await start(cookie)).status).toBe(status);
    });
  });

  describe('POST /api/bot-check', () => {
    it('asks siteverify once about the token, with the secret, and answers a pass with the signed HttpOnly cookie', async () => {
      const response = await verify({ token: TOKEN });
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.json()).toEqual({ ok: true });
      expect(response.headers.get('set-cookie')).toMatch(PASS);
      expect(siteverify.calls).toHaveLength(1);
      expect(siteverify.calls[0]!.get('secret')).toBe(SECRET);
      expect(siteverify.calls[0]!.get('response')).toBe(TOKEN);
    });

    it('marks the pass Secure over HTTPS (and behind a proxy that says so), not on http://localhost', async () => {
      const httpsPass = (await verify({ token: TOKEN }, { url: 'https://app.example.com/api/bot-check' })).headers.get('set-cookie')!;
      expect(httpsPass.endsWith('; Secure')).toBe(true);
      const proxied = await verify({ token: TOKEN }, { headers: { 'x-forwarded-proto': 'https' } });
      expect(proxied.headers.get('set-cookie')!.endsWith('; Secure')).toBe(true);
    });

    it('never puts the secret in a response, whatever siteverify answers', async () => {
      for (const answer of [PASSES, refuses('invalid-input-response'), refuses('invalid-input-secret'), () => HttpResponse.error()]) {
        siteverify.answer = answer;
        const response = await verify({ token: TOKEN });
        expect(JSON.stringify([...response.headers]) + (await response.text())).not.toContain(SECRET);
      }
    });

    it.each([
      ['a token Cloudflare refuses', ['invalid-input-response']],
      ['a token already spent or too old', ['timeout-or-duplicate']],
      ['no error codes at all', []],
    ])('refuses %s with 403 bot_check_failed and no cookie, asking only once', async (_, codes) => {
      siteverify.answer = refuses(...codes);
      expect(await errorOf(await verify({ token: TOKEN }))).toEqual({
        status: 403,
        code: 'bot_check_failed',
        message: 'The check did not pass. Try it again.',
      });
      expect(siteverify.calls).toHaveLength(1);
    });

    it.each([
      ['unreachable', () => HttpResponse.error()],
      ['answering 500', () => new HttpResponse('oops', { status: 500 })],
      [
        'answering an HTML page',
        () => new HttpResponse('<html>challenge</html>', { status: 200, headers: { 'content-type': 'text/html' } }),
      ],
      ['answering JSON of another shape', () => HttpResponse.json({ ok: true })],
      ['reporting its own internal error', refuses('internal-error')],
    ])('fails closed when siteverify is %s: 503 upstream_unavailable, no cookie, logged without the secret', async (_, answer) => {
      siteverify.answer = answer;
      expect(await errorOf(await verify({ token: TOKEN }))).toEqual({
        status: 503,
        code: 'upstream_unavailable',
        message: 'The bot check could not be confirmed right now. Try again in a moment.',
      });
      expect(logged.flat().join('\n')).toMatch(/^\[api\] POST \/api\/bot-check → upstream_unavailable: /m);
    });

    it('says the server is misconfigured (502) when Cloudflare refuses the secret, and logs that for the owner', async () => {
      siteverify.answer = refuses('invalid-input-secret');
      expect(await errorOf(await verify({ token: TOKEN }))).toMatchObject({ status: 502, code: 'upstream_unauthorized' });
      expect(logged.flat().join('\n')).toContain('siteverify refused the secret: invalid-input-secret');
    });

    it.each([
      ['no token', {}],
      ['an empty token', { token: '' }],
      ['a token longer than Turnstile’s 2048 characters', { token: 'x'.repeat(2049) }],
      ['a token that is not a string', { token: 42 }],
      ['an unknown field', { token: TOKEN, remoteip: '203.0.113.9' }],
    ])('answers %s with 400 and never asks siteverify', async (_, body) => {
      expect(await errorOf(await verify(body))).toMatchObject({ status: 400, code: 'invalid_request' });
      expect(siteverify.calls).toEqual([]);
    });

    it('answers a body that is not JSON with 415, and an oversized one with 413', async () => {
      const form = await botCheckRoute(
        new Request('http://localhost/api/bot-check', {
          method: 'POST',
          headers: { 'content-type': 'text/plain' },
          body: TOKEN,
        }),
        routeContext({}),
      );
      expect(await errorOf(form)).toMatchObject({ status: 415 });
      expect(await errorOf(await verify(JSON.stringify({ token: 'x'.repeat(20_000) })))).toMatchObject({ status: 413 });
      expect(siteverify.calls).toEqual([]);
    });

    it('refuses a cross-site request (CSRF) before asking siteverify', async () => {
      const response = await verify({ token: TOKEN }, { headers: { 'sec-fetch-site': 'cross-site' } });
      expect(await errorOf(response)).toMatchObject({ status: 403, code: 'forbidden' });
      expect(siteverify.calls).toEqual([]);
    });

    it('sends remoteip from the client identity the server trusts (clientKey), never from what the client wrote', async () => {
      vi.mocked(clientKey).mockReturnValueOnce('198.51.100.7');
      await verify({ token: TOKEN }, { headers: { 'x-forwarded-for': '203.0.113.9', 'x-real-ip': '203.0.113.10' } });
      expect(siteverify.calls[0]!.get('remoteip')).toBe('198.51.100.7');
    });

    it('sends no remoteip when the trusted identity is not an address (one shared client, as when no proxy is trusted)', async () => {
      vi.mocked(clientKey).mockReturnValueOnce('local');
      await verify({ token: TOKEN }, { headers: { 'x-forwarded-for': '203.0.113.9' } });
      expect(siteverify.calls[0]!.has('remoteip')).toBe(false);
    });

    it('never lets the leftmost, client-written X-Forwarded-For entry through as remoteip', async () => {
      await verify({ token: TOKEN }, { headers: { 'x-forwarded-for': '203.0.113.9, 198.51.100.7' } });
      expect(siteverify.calls[0]!.get('remoteip')).not.toBe('203.0.113.9');
    });
  });

  it('tells a call page the site key, and whether the visitor already holds a pass (then no widget is shown)', async () => {
    expect(await botCheckForPage(null)).toEqual({ siteKey: SITE_KEY, passed: false });
    expect(await botCheckForPage('bot_pass=forged')).toEqual({ siteKey: SITE_KEY, passed: false });
    expect(await botCheckForPage(`theme=dark; ${await earnPass()}`)).toEqual({ siteKey: SITE_KEY, passed: true });
  });

  it('lets the page CSP load Turnstile’s script and frame from challenges.cloudflare.com, and nothing else new', async () => {
    const policy = await pagePolicy();
    expect(directive(policy, 'script-src')).toMatch(new RegExp(`^script-src 'self' 'nonce-[^']+' 'strict-dynamic' ${TURNSTILE_ORIGIN}$`));
    expect(directive(policy, 'frame-src')).toBe(`frame-src 'self' ${TURNSTILE_ORIGIN}`);
    expect(directive(policy, 'connect-src')).not.toContain('cloudflare');
  });
});
