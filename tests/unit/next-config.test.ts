import { describe, expect, it } from 'vitest';
import { DOCUMENT_BODY_BYTES } from '@/lib/avatars/document-schema';
import nextConfig from '@/next.config';

describe('next.config.ts', () => {
  // Without it, `next dev` opened at http://127.0.0.1:3000 blocks its own dev resources, nothing hydrates,
  // and every form falls back to plain HTML.
  it('lets `next dev` serve a page opened at 127.0.0.1', () => {
    expect(nextConfig.allowedDevOrigins).toContain('127.0.0.1');
  });

  // Next buffers up to this much of any body that goes through proxy.ts, whoever sent it: the
  // uploads and the public routes skip the proxy (proxy-matcher.test.ts), so a knowledge document's JSON is
  // the largest body that passes, plus one socket read so a longer one is still refused by its route.
  it('lets the proxy buffer no more than the largest body that goes through it needs', () => {
    expect(nextConfig.experimental?.proxyClientMaxBodySize).toBe(DOCUMENT_BODY_BYTES + 64 * 1024);
  });
});
