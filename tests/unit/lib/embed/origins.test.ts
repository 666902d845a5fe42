import { NextRequest } from 'next/server';
import { getPathMatch } from 'next/dist/shared/lib/router/utils/path-match';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { frameAncestorsFor, isAllowedEmbedOrigin, isEmbedPath } from '@/lib/embed/origins';
import { parseEnv } from '@/lib/env-schema';
import nextConfig from '@/next.config';
import { proxy } from '@/proxy';

const SHOP = 'https://shop.example.com';
const HELP = 'http://localhost:4100';

describe('EMBED_ALLOWED_ORIGINS', () => {
  it('is empty unless set, so nothing may frame the app until a deployer opts in', () => {
    expect(parseEnv({}).EMBED_ALLOWED_ORIGINS).toEqual([]);
  });

  it('takes exact origins, comma- or space-separated', () => {
    expect(parseEnv({ EMBED_ALLOWED_ORIGINS: `${SHOP}, ${HELP}  https://a.example` }).EMBED_ALLOWED_ORIGINS).toEqual([
      SHOP,
      HELP,
      'https://a.example',
    ]);
  });

  it.each([
    ['a wildcard', 'https://*.example.com'],
    ['a path', 'https://shop.example.com/help'],
    ['a trailing slash', 'https://shop.example.com/'],
    ['upper case, which browsers never send', 'https://Shop.example.com'],
    ['another scheme', 'ftp://shop.example.com'],
    ['no scheme', 'shop.example.com'],
    ['the opaque origin', 'null'],
  ])('refuses %s with a message that names the variable', (_, value) => {
    expect(() => parseEnv({ EMBED_ALLOWED_ORIGINS: value })).toThrow(/EMBED_ALLOWED_ORIGINS.*exact origin/);
  });
});

describe('the origin check', () => {
  it('accepts only an origin on the list, compared exactly', () => {
    expect(isAllowedEmbedOrigin(SHOP, [SHOP])).toBe(true);
    for (const origin of [
      `${SHOP}/`,
      'https://shop.example.com:443x',
      'http://shop.example.com',
      'https://evil.example.com',
      'null',
      '',
      undefined,
      null,
    ])
      expect(isAllowedEmbedOrigin(origin, [SHOP]), String(origin)).toBe(false);
    expect(isAllowedEmbedOrigin('null', ['null'])).toBe(false);
    expect(isAllowedEmbedOrigin(SHOP, [])).toBe(false);
  });

  it('applies to /embed/<avatar> only', () => {
    expect(isEmbedPath('/embed/cat-character')).toBe(true);
    for (const path of ['/embed', '/embed/', '/embed/a/b', '/embed.js', '/call/cat-character', '/'])
      expect(isEmbedPath(path), path).toBe(false);
    expect(frameAncestorsFor('/embed/cat-character', [SHOP])).toEqual([SHOP]);
    expect(frameAncestorsFor('/call/cat-character', [SHOP])).toEqual([]);
  });
});

describe('framing headers per path', () => {
  beforeEach(() => {
    vi.stubEnv('EMBED_ALLOWED_ORIGINS', `${SHOP} ${HELP}`);
  });

  const frameAncestors = (response: Response) =>
    response.headers
      .get('content-security-policy')
      ?.split('; ')
      .find((directive) => directive.startsWith('frame-ancestors'));

  it('lists the allowed origins in the CSP of /embed/* and nobody on every other page (proxy.ts)', async () => {
    expect(frameAncestors(await proxy(new NextRequest('http://localhost/embed/cat-character?origin=x')))).toBe(
      `frame-ancestors ${SHOP} ${HELP}`,
    );
    for (const path of ['/', '/call/cat-character', '/login', '/examples/minimal'])
      expect(frameAncestors(await proxy(new NextRequest(`http://localhost${path}`))), path).toBe("frame-ancestors 'none'");
  });

  it('keeps nobody in frame-ancestors on /embed/* too while the list is empty', async () => {
    vi.stubEnv('EMBED_ALLOWED_ORIGINS', '');
    expect(frameAncestors(await proxy(new NextRequest('http://localhost/embed/cat-character')))).toBe("frame-ancestors 'none'");
  });

  it('sends X-Frame-Options: DENY on every path but /embed/*, which has no allowlist form (next.config.ts)', async () => {
    const rules = await nextConfig.headers!();
    const headersFor = (path: string) =>
      rules
        .filter((rule) => getPathMatch(rule.source, { strict: true })(path) !== false)
        .flatMap((rule) => rule.headers.map((header) => header.key));
    for (const path of ['/', '/call/cat-character', '/api/health', '/embed.js', '/avatars/new', '/embedded'])
      expect(headersFor(path), path).toContain('X-Frame-Options');
    expect(headersFor('/embed/cat-character')).not.toContain('X-Frame-Options');
    // The other headers still apply there.
    expect(headersFor('/embed/cat-character')).toEqual(
      expect.arrayContaining(['X-Content-Type-Options', 'Referrer-Policy', 'Permissions-Policy']),
    );
  });

  it('lets only the proxy mark a request as the embed page: a visitor’s own header is dropped', async () => {
    const forged = new NextRequest('http://localhost/call/cat-character', { headers: { 'x-embed-page': '1' } });
    const response = await proxy(forged);
    expect(response.headers.get('x-middleware-request-x-embed-page')).toBeNull();
    const embed = await proxy(new NextRequest('http://localhost/embed/cat-character'));
    expect(embed.headers.get('x-middleware-request-x-embed-page')).toBe('1');
  });
});
