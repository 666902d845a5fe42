import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { AppError, isErrorCode } from '@/lib/errors';
import { errorResponse, route } from '@/lib/server/http';
import { jsonRequest, routeContext } from '@/tests/unit/request';

describe('route()', () => {
  it('hands the handler validated params, query and body', async () => {
    const handler = route(
      { params: z.object({ id: z.string() }), query: z.object({ page: z.coerce.number() }), body: z.object({ name: z.string() }) },
      async ({ params, query, body }) => Response.json({ params, query, body }),
    );
    const response = await handler(jsonRequest('/api/things/7?page=2', { body: { name: 'Ada' } }), routeContext({ id: '7' }));
    expect(await response.json()).toEqual({ params: { id: '7' }, query: { page: 2 }, body: { name: 'Ada' } });
  });

  it('reports every validation issue as details, with the first in the message', async () => {
    const handler = route({ body: z.strictObject({ a: z.string(), b: z.number() }) }, async () => new Response('unreachable'));
    const response = await handler(jsonRequest('/api/x', { body: { a: 1 } }), routeContext({}));
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
    const response = await handler(jsonRequest('/api/x'), routeContext({}));
    expect(response.status).toBe(500);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error: { code: 'internal', message: 'Something went wrong on our side. Please try again.' } });
    expect(text).not.toContain('hunter2');
    expect(text).not.toMatch(/\bat .+:\d+:\d+/);
    // The server log keeps the detail for the site owner: one line, names and messages only.
    expect(log.mock.calls).toEqual([['[api] GET /api/x → internal: Error: database password is hunter2']]);
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
    const response = await handler(jsonRequest('/api/things', { method: 'DELETE' }), routeContext({}));
    expect(response.status).toBe(status);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error: { code, message: 'Visitor-facing text.' } });
    expect(text).not.toContain('key_test');
    expect(text).not.toContain('TypeError');
    expect(log.mock.calls).toEqual([[`[api] DELETE /api/things → ${code}: TypeError: fetch failed for key_test_0123456789`]]);
  });

  it('logs a server-side AppError that has no cause as such', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const handler = route({}, async () => {
      throw new AppError('session_failed', 'The avatar could not start.');
    });
    expect((await handler(jsonRequest('/api/y'), routeContext({}))).status).toBe(502);
    expect(log.mock.calls).toEqual([['[api] GET /api/y → session_failed: no cause']]);
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
    const response = await handler(jsonRequest('/api/x'), routeContext({}));
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({ error: { code, message: 'Nope.' } });
    expect(log).not.toHaveBeenCalled();
  });

  it('answers 499 with no body when the visitor has already gone', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const controller = new AbortController();
    controller.abort();
    const request = new Request('http://localhost/api/x', { signal: controller.signal });
    const response = await route({}, async () => {
      throw new DOMException('aborted', 'AbortError');
    })(request, routeContext({}));
    expect(response.status).toBe(499);
    expect(log).not.toHaveBeenCalled();
  });
});

describe('errorResponse', () => {
  it('sets Retry-After only when the error carries one', () => {
    expect(errorResponse(new AppError('rate_limited', 'Busy', { retryAfterSeconds: 12 })).headers.get('retry-after')).toBe('12');
    expect(errorResponse(new AppError('rate_limited', 'Busy')).headers.get('retry-after')).toBeNull();
  });

  it('omits empty details', async () => {
    expect(await errorResponse(new AppError('conflict', 'No', { details: [] })).json()).toEqual({ error: { code: 'conflict', message: 'No' } });
  });
});

describe('isErrorCode', () => {
  it('recognises the app’s codes only', () => {
    expect(isErrorCode('session_timeout')).toBe(true);
    expect(isErrorCode('toString')).toBe(false);
    expect(isErrorCode(404)).toBe(false);
  });
});
