import { beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { AppError, isErrorCode } from '@/lib/errors';
import { errorResponse, route } from '@/lib/server/http';
import { jsonRequest, routeContext } from '@/tests/unit/request';
import {
  forgeToken,
  resetSecurityState,
  signIn,
  tamperPayload,
  tamperSignature,
  TEST_ADMIN_PASSWORD,
  TEST_AUTH_SECRET,
} from '@/tests/unit/security';

// The generic behaviour below runs on public paths (lib/auth/access-policy.ts); the policy itself is tested after it.
describe('route()', () => {
  it('hands the handler validated params, query and body', async () => {
    const handler = route(
      { params: z.object({ id: z.string() }), query: z.object({ page: z.coerce.number() }), body: z.object({ name: z.string() }) },
      async ({ params, query, body }) => Response.json({ params, query, body }),
    );
    const response = await handler(jsonRequest('/api/sessions/7?page=2', { body: { name: 'Ada' } }), routeContext({ id: '7' }));
    expect(await response.json()).toEqual({ params: { id: '7' }, query: { page: 2 }, body: { name: 'Ada' } });
  });

  it('reports every validation issue as details, with the first in the message', async () => {
    const handler = route({ body: z.strictObject({ a: z.string(), b: z.number() }) }, async () => new Response('unreachable'));
    const response = await handler(jsonRequest('/api/sessions', { body: { a: 1 } }), routeContext({}));
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { message: string; details: Array<{ path: string }> } };
    expect(error.details.map((detail) => detail.path)).toEqual(['body.a', 'body.b']);
    expect(error.message.startsWith('body.a: ')).toBe(true);
  });

  it('turns an unexpected error into a generic 500 without its message or stack', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const handler = route({}, async () => {
      throw new Error('database password is hunter2');
    });
    const response = await handler(jsonRequest('/api/health'), routeContext({}));
    expect(response.status).toBe(500);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error: { code: 'internal', message: 'Something went wrong on our side. Please try again.' } });
    expect(text).not.toContain('hunter2');
    expect(text).not.toMatch(/\bat .+:\d+:\d+/);
    // The server log keeps the detail for the site owner: one line, names and messages only.
    expect(log.mock.calls).toEqual([['[api] GET /api/health → internal: Error: database password is hunter2']]);
  });

  it.each([
    ['upstream_unavailable', 503],
    ['upstream_unauthorized', 502],
    ['session_failed', 502],
    ['session_timeout', 504],
  ] as const)('logs a %s AppError (%i) with its cause, and answers with the AppError’s own message only', async (code, status) => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const cause = new TypeError('fetch failed for key_test_0123456789');
    const handler = route({}, async () => {
      throw new AppError(code, 'Visitor-facing text.', { cause });
    });
    const response = await handler(jsonRequest('/api/sessions/abc', { method: 'DELETE' }), routeContext({}));
    expect(response.status).toBe(status);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error: { code, message: 'Visitor-facing text.' } });
    expect(text).not.toContain('key_test');
    expect(text).not.toContain('TypeError');
    expect(log.mock.calls).toEqual([[`[api] DELETE /api/sessions/abc → ${code}: TypeError: fetch failed for key_test_0123456789`]]);
  });

  it('logs a server-side AppError that has no cause as such', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const handler = route({}, async () => {
      throw new AppError('session_failed', 'The avatar could not start.');
    });
    expect((await handler(jsonRequest('/api/sessions'), routeContext({}))).status).toBe(502);
    expect(log.mock.calls).toEqual([['[api] GET /api/sessions → session_failed: no cause']]);
  });

  it.each([
    ['invalid_request', 400],
    ['not_found', 404],
    ['conflict', 409],
    ['rate_limited', 429],
  ] as const)('does not log a %s AppError (%i): the visitor’s to act on, not the site owner’s', async (code, status) => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const handler = route({}, async () => {
      throw new AppError(code, 'Nope.', { cause: new Error('upstream detail') });
    });
    const response = await handler(jsonRequest('/api/health'), routeContext({}));
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({ error: { code, message: 'Nope.' } });
    expect(log).not.toHaveBeenCalled();
  });

  it('answers 499 with no body when the visitor has already gone', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const controller = new AbortController();
    controller.abort();
    const request = new Request('http://localhost/api/health', { signal: controller.signal });
    const response = await route({}, async () => {
      throw new DOMException('aborted', 'AbortError');
    })(request, routeContext({}));
    expect(response.status).toBe(499);
    expect(log).not.toHaveBeenCalled();
  });
});

describe('route(): the admin guard on paths that are not public', () => {
  beforeEach(() => {
    resetSecurityState();
    vi.stubEnv('ADMIN_PASSWORD', TEST_ADMIN_PASSWORD);
    vi.stubEnv('AUTH_SECRET', TEST_AUTH_SECRET);
  });

  function guarded() {
    const handler = vi.fn(async () => Response.json({ ran: true }));
    return { handler, run: route({ body: z.strictObject({ name: z.string() }) }, handler) };
  }

  async function expectUnauthorized(response: Response) {
    expect(response.status).toBe(401);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ error: { code: 'unauthorized', message: 'Sign in as the admin to do this.' } });
  }

  it.each(['/api/admin/things', '/api/emulator', '/api/sessions/1/2/3', '/api/healthz', '/api/auth/whoami'])(
    'answers 401 unauthorized to an anonymous request for %s, before reading the body or running the handler',
    async (path) => {
      const { handler, run } = guarded();
      // Not even a 415 or 400: nothing about the route is revealed before sign-in.
      await expectUnauthorized(await run(new Request(`http://localhost${path}`, { method: 'POST', body: 'not json' }), routeContext({})));
      expect(handler).not.toHaveBeenCalled();
    },
  );

  it('runs the handler for the signed-in admin', async () => {
    const { handler, run } = guarded();
    const cookie = await signIn();
    const response = await run(
      jsonRequest('/api/admin/things', { body: { name: 'x' }, headers: { cookie: `theme=dark; ${cookie}; other=1` } }),
      routeContext({}),
    );
    expect(response.status).toBe(200);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  /** The claims of a genuine cookie, to re-sign with something wrong about them. */
  const claimsOf = (cookie: string) => JSON.parse(Buffer.from(cookie.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
  const valueOf = (cookie: string) => cookie.slice('admin_session='.length);

  it.each([
    ['a cookie of another name', async (cookie: string) => cookie.replace('admin_session=', 'admin=')],
    ['an empty cookie', async () => 'admin_session='],
    ['a tampered signature', async (cookie: string) => `admin_session=${tamperSignature(valueOf(cookie))}`],
    [
      'a rewritten expiry',
      async (cookie: string) =>
        `admin_session=${tamperPayload(valueOf(cookie), (claims) => ({ ...claims, exp: Number(claims.exp) + 365 * 86_400 }))}`,
    ],
    [
      'an expired cookie',
      async (cookie: string) =>
        `admin_session=${await forgeToken(claimsOf(valueOf(cookie)), { audience: 'admin-session', expiresAt: Date.now() - 1000 })}`,
    ],
    [
      'a cookie without expiry',
      async (cookie: string) => {
        const claims = claimsOf(valueOf(cookie));
        delete claims.exp;
        return `admin_session=${await forgeToken(claims, { audience: 'admin-session' })}`;
      },
    ],
    [
      'a cookie signed with another secret',
      async (cookie: string) =>
        `admin_session=${await forgeToken(claimsOf(valueOf(cookie)), { audience: 'admin-session', secret: 'another-secret-0123456789abcdefgh', expiresAt: Date.now() + 60_000 })}`,
    ],
    [
      'a token of another purpose passed off as a cookie',
      async (cookie: string) =>
        `admin_session=${await forgeToken(claimsOf(valueOf(cookie)), { audience: 'session-ticket', expiresAt: Date.now() + 60_000 })}`,
    ],
    [
      'a cookie issued for an earlier admin password',
      async (cookie: string) =>
        `admin_session=${await forgeToken({ ...claimsOf(valueOf(cookie)), pwd: 'AAAAAAAAAAAAAAAAAAAAAA' }, { audience: 'admin-session', expiresAt: Date.now() + 60_000 })}`,
    ],
  ])('answers 401 to %s', async (_name, forge) => {
    const { handler, run } = guarded();
    const cookie = await forge(await signIn());
    await expectUnauthorized(await run(jsonRequest('/api/admin/things', { body: { name: 'x' }, headers: { cookie } }), routeContext({})));
    expect(handler).not.toHaveBeenCalled();
  });

  it('stops accepting a cookie once the admin password changes', async () => {
    const { run } = guarded();
    const cookie = await signIn();
    vi.stubEnv('ADMIN_PASSWORD', 'a-brand-new-password');
    await expectUnauthorized(await run(jsonRequest('/api/admin/things', { body: { name: 'x' }, headers: { cookie } }), routeContext({})));
  });

  it('accepts a cookie that is not yet expired and refuses it after 8 hours', async () => {
    const { run } = guarded();
    const cookie = await signIn();
    const request = () => jsonRequest('/api/admin/things', { body: { name: 'x' }, headers: { cookie } });
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 8 * 3600_000 - 60_000);
      expect((await run(request(), routeContext({}))).status).toBe(200);
      vi.setSystemTime(Date.now() + 2 * 60_000);
      await expectUnauthorized(await run(request(), routeContext({})));
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('route(): the same-origin rule for state-changing requests', () => {
  const handler = vi.fn(async () => Response.json({ ran: true }));
  const run = route({}, handler);
  const call = (method: string, headers: Record<string, string>, url = 'http://localhost/api/sessions') =>
    run(new Request(url, { method, headers }), routeContext({}));

  async function expectForbidden(response: Response) {
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: { code: 'forbidden', message: 'Cross-site requests are not allowed.' } });
  }

  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])('refuses a cross-site %s with 403 forbidden, without running the handler', async (method) => {
    handler.mockClear();
    await expectForbidden(await call(method, { 'sec-fetch-site': 'cross-site' }));
    await expectForbidden(await call(method, { origin: 'https://evil.example' }));
    expect(handler).not.toHaveBeenCalled();
  });

  it.each([
    ['Sec-Fetch-Site: same-site (a sibling subdomain)', { 'sec-fetch-site': 'same-site' }],
    ['an Origin on another port', { origin: 'http://localhost:8080' }],
    ['an Origin on another scheme and host', { origin: 'https://localhost.evil.example' }],
    ['Origin: null (a sandboxed frame)', { origin: 'null' }],
    ['a cross-site Sec-Fetch-Site with a matching Origin', { 'sec-fetch-site': 'cross-site', origin: 'http://localhost' }],
  ])('refuses a POST with %s', async (_name, headers) => {
    await expectForbidden(await call('POST', headers));
  });

  it.each([
    ['neither header (not a browser)', {}],
    ['Sec-Fetch-Site: same-origin', { 'sec-fetch-site': 'same-origin' }],
    ['Sec-Fetch-Site: none (typed in the address bar)', { 'sec-fetch-site': 'none' }],
    ['an Origin matching the URL', { origin: 'http://localhost' }],
    ['an Origin matching the Host header', { origin: 'https://app.example.com', host: 'app.example.com' }],
    [
      'an Origin matching X-Forwarded-Host behind a proxy',
      { origin: 'https://app.example.com', host: 'internal:3000', 'x-forwarded-host': 'app.example.com' },
    ],
  ])('allows a POST with %s', async (_name, headers) => {
    expect((await call('POST', headers)).status).toBe(200);
  });

  it.each(['GET', 'HEAD', 'OPTIONS'])('allows a cross-site %s: it changes nothing', async (method) => {
    expect((await call(method, { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' })).status).toBe(200);
  });
});

describe('route(): bodies, read through the one capped reader', () => {
  const echo = route({ body: z.object({ text: z.string() }) }, async ({ body }) => Response.json(body));
  const noBody = route({}, async () => Response.json({ ok: true }));

  /** A JSON body streamed without a Content-Length (chunked), that records how much of it was pulled. */
  function chunked(totalBytes: number) {
    const source = { pulledBytes: 0, cancelled: false };
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          if (source.pulledBytes >= totalBytes) return controller.close();
          source.pulledBytes += 64 * 1024;
          controller.enqueue(new Uint8Array(64 * 1024).fill(32));
        },
        cancel() {
          source.cancelled = true;
        },
      },
      { highWaterMark: 0 },
    );
    const request = new Request('http://localhost/api/sessions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    return { request, source };
  }

  const errorOf = async (response: Response) => ({ status: response.status, ...((await response.json()) as { error: object }).error });

  it('answers a chunked body over 16 KB with 413, having pulled one chunk of 200 MB and cancelled the rest', async () => {
    const { request, source } = chunked(200 * 1024 * 1024);
    expect(await errorOf(await echo(request, routeContext({})))).toEqual({
      status: 413,
      code: 'payload_too_large',
      message: 'The body must be at most 16 KB.',
    });
    expect(source.pulledBytes).toBe(64 * 1024);
    expect(source.cancelled).toBe(true);
  });

  it('accepts a body of exactly 16 KB, and answers one byte more with 413', async () => {
    const text = (length: number) => JSON.stringify({ text: 'x'.repeat(length - 11) });
    expect(text(16 * 1024)).toHaveLength(16 * 1024);
    expect((await echo(jsonRequest('/api/sessions', { body: text(16 * 1024) }), routeContext({}))).status).toBe(200);
    expect((await echo(jsonRequest('/api/sessions', { body: text(16 * 1024 + 1) }), routeContext({}))).status).toBe(413);
  });

  it('answers a body that is not valid JSON with 400 invalid_request', async () => {
    expect(await errorOf(await echo(jsonRequest('/api/sessions', { body: '{"text": "unterminated' }), routeContext({})))).toEqual({
      status: 400,
      code: 'invalid_request',
      message: 'The body is not valid JSON.',
    });
  });

  it('refuses any body on a route that declares none with 413, before the handler runs, and still serves an empty one', async () => {
    const { request, source } = chunked(200 * 1024 * 1024);
    expect(await errorOf(await noBody(request, routeContext({})))).toEqual({
      status: 413,
      code: 'payload_too_large',
      message: 'This request takes no body.',
    });
    expect(source.cancelled).toBe(true);
    expect((await noBody(jsonRequest('/api/sessions', { body: '{}' }), routeContext({}))).status).toBe(413);
    expect((await noBody(jsonRequest('/api/sessions', { method: 'POST' }), routeContext({}))).status).toBe(200);
    expect((await noBody(new Request('http://localhost/api/sessions', { method: 'POST', body: '' }), routeContext({}))).status).toBe(200);
  });

  it('leaves the body to a handler that reads it itself (rawBody: an upload)', async () => {
    const upload = route({ rawBody: true }, async ({ request }) => Response.json({ bytes: (await request.arrayBuffer()).byteLength }));
    const response = await upload(
      new Request('http://localhost/api/sessions', { method: 'POST', body: 'x'.repeat(100_000) }),
      routeContext({}),
    );
    expect(await response.json()).toEqual({ bytes: 100_000 });
  });
});

describe('errorResponse', () => {
  it('sets Retry-After only when the error carries one', () => {
    expect(errorResponse(new AppError('rate_limited', 'Busy', { retryAfterSeconds: 12 })).headers.get('retry-after')).toBe('12');
    expect(errorResponse(new AppError('rate_limited', 'Busy')).headers.get('retry-after')).toBeNull();
  });

  it('omits empty details', async () => {
    expect(await errorResponse(new AppError('conflict', 'No', { details: [] })).json()).toEqual({
      error: { code: 'conflict', message: 'No' },
    });
  });
});

describe('isErrorCode', () => {
  it('recognises the app’s codes only', () => {
    expect(isErrorCode('session_timeout')).toBe(true);
    expect(isErrorCode('toString')).toBe(false);
    expect(isErrorCode(404)).toBe(false);
  });
});
