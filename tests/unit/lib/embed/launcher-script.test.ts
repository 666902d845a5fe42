import { gzipSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { GET } from '@/app/embed.js/route';
import { EMBED_MESSAGE_SOURCE } from '@/lib/embed/protocol';
import { jsonRequest, routeContext } from '@/tests/unit/request';

const fetchScript = (headers: Record<string, string> = {}) => GET(jsonRequest('/embed.js', { headers }), routeContext({}));

describe('GET /embed.js', () => {
  it('serves the launcher as JavaScript from one URL with a short max-age and revalidation', async () => {
    const response = await fetchScript();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('public, max-age=300, stale-while-revalidate=86400');
    expect(response.headers.get('etag')).toMatch(/^"[\w-]{22}"$/);
  });

  it('answers a revalidation with 304 and no body while nothing changed', async () => {
    const etag = (await fetchScript()).headers.get('etag')!;
    const again = await fetchScript({ 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('changes (new ETag) when the allowlist does, so hosts pick it up at the next revalidation', async () => {
    vi.stubEnv('EMBED_ALLOWED_ORIGINS', 'https://shop.example.com');
    const first = await fetchScript();
    expect(await first.text()).toContain('"allowedOrigins":["https://shop.example.com"]');
    vi.stubEnv('EMBED_ALLOWED_ORIGINS', 'https://shop.example.com https://help.example.com');
    const second = await fetchScript({ 'if-none-match': first.headers.get('etag')! });
    expect(second.status).toBe(200);
    expect(second.headers.get('etag')).not.toBe(first.headers.get('etag'));
  });

  it('is a self-contained script (it calls itself with its own tag) that stays within 4 kB gzipped', async () => {
    const body = await (await fetchScript()).text();
    expect(body).toMatch(/^\(function launcher\(/);
    expect(body).toContain('(document.currentScript,');
    expect(body).toContain(`"source":"${EMBED_MESSAGE_SOURCE}"`);
    // It parses as JavaScript on its own: nothing from a module scope is referenced.
    expect(() => new Function(body)).not.toThrow();
    expect(gzipSync(body, { level: 9 }).byteLength).toBeLessThanOrEqual(4096);
  });
});
