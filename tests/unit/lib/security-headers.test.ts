import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '@/lib/security-headers';

const directive = (policy: string, name: string) => policy.split('; ').find((part) => part.startsWith(`${name} `));

describe('contentSecurityPolicy', () => {
  it('lets pages play voice previews: the emulator’s own WAV and Runway’s HTTPS links, nothing over plain HTTP', () => {
    const policy = contentSecurityPolicy({ nonce: 'abc', development: false });
    expect(directive(policy, 'media-src')).toBe("media-src 'self' blob: https:");
    expect(directive(policy, 'media-src')).not.toContain('http:');
  });

  it('still runs scripts only with the nonce', () => {
    expect(directive(contentSecurityPolicy({ nonce: 'abc', development: false }), 'script-src')).toBe(
      "script-src 'self' 'nonce-abc' 'strict-dynamic'",
    );
  });
});
