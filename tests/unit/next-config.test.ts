import { describe, expect, it } from 'vitest';
import nextConfig from '@/next.config';

describe('next.config.ts', () => {
  // Without it, `next dev` opened at http://127.0.0.1:3000 blocks its own dev resources, nothing hydrates,
  // and every form falls back to plain HTML.
  it('lets `next dev` serve a page opened at 127.0.0.1', () => {
    expect(nextConfig.allowedDevOrigins).toContain('127.0.0.1');
  });
});
