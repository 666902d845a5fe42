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
    // The server log keeps the detail for the site owner.
    expect(log).toHaveBeenCalledWith(expect.stringContaining('GET /api/x failed: Error: database password is hunter2'));
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
