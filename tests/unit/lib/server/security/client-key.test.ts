import { describe, expect, it, vi } from 'vitest';
import { clientKey, SHARED_CLIENT } from '@/lib/server/security/request-guards';

/**
 * Who a request counts as, in each setting of the trusted-proxy rule (docs/security.md, "Client identity"):
 * a header counts only where a trusted party wrote it. The allowances built on this key are tested through
 * the session-create route in tests/unit/app/api/limits.test.ts.
 */

const key = (headers: Record<string, string> = {}) => clientKey(new Request('http://localhost/api/sessions', { headers }));

describe('clientKey', () => {
  describe('by default (a server reached directly): no forwarded header is trusted', () => {
    it('counts every visitor as one client, whatever X-Forwarded-For or X-Real-IP say', () => {
      expect(key()).toBe(SHARED_CLIENT);
      expect(key({ 'x-forwarded-for': '203.0.113.1' })).toBe(SHARED_CLIENT);
      expect(key({ 'x-forwarded-for': '198.51.100.1, 203.0.113.2' })).toBe(SHARED_CLIENT);
      expect(key({ 'x-real-ip': '203.0.113.3' })).toBe(SHARED_CLIENT);
    });

    it('does the same with TRUSTED_PROXY_HOPS=0 set explicitly', () => {
      vi.stubEnv('TRUSTED_PROXY_HOPS', '0');
      expect(key({ 'x-forwarded-for': '203.0.113.1' })).toBe(SHARED_CLIENT);
    });
  });

  describe('TRUSTED_PROXY_HOPS=1 (one reverse proxy that appends the address it saw)', () => {
    it('takes the last entry, so what the client wrote before it does not change who it is', () => {
      vi.stubEnv('TRUSTED_PROXY_HOPS', '1');
      expect(key({ 'x-forwarded-for': '203.0.113.1' })).toBe('203.0.113.1');
      expect(key({ 'x-forwarded-for': 'forged, 203.0.113.1' })).toBe('203.0.113.1');
      expect(key({ 'x-forwarded-for': '10.9.8.7,203.0.113.1 ' })).toBe('203.0.113.1');
    });

    it('counts a request without the header (it did not come through the proxy) as the one shared client', () => {
      vi.stubEnv('TRUSTED_PROXY_HOPS', '1');
      expect(key()).toBe(SHARED_CLIENT);
      expect(key({ 'x-forwarded-for': ' ' })).toBe(SHARED_CLIENT);
      // X-Real-IP is not the proxy rule's header: a client could write it.
      expect(key({ 'x-real-ip': '203.0.113.3' })).toBe(SHARED_CLIENT);
    });
  });

  describe('TRUSTED_PROXY_HOPS=2 (a CDN, then a reverse proxy)', () => {
    it('takes the second entry from the right: the address the outer proxy saw', () => {
      vi.stubEnv('TRUSTED_PROXY_HOPS', '2');
      expect(key({ 'x-forwarded-for': '203.0.113.1, 10.0.0.2' })).toBe('203.0.113.1');
      expect(key({ 'x-forwarded-for': 'forged-1, forged-2, 203.0.113.1, 10.0.0.2' })).toBe('203.0.113.1');
    });

    it('counts a request with fewer entries than hops as the one shared client, so skipping a proxy gains nothing', () => {
      vi.stubEnv('TRUSTED_PROXY_HOPS', '2');
      expect(key({ 'x-forwarded-for': '10.0.0.2' })).toBe(SHARED_CLIENT);
      expect(key()).toBe(SHARED_CLIENT);
    });
  });

  describe('on Vercel (VERCEL is set)', () => {
    it('uses the address Vercel wrote (x-real-ip), never X-Forwarded-For', () => {
      vi.stubEnv('VERCEL', '1');
      expect(key({ 'x-real-ip': '203.0.113.1', 'x-forwarded-for': 'forged' })).toBe('203.0.113.1');
      expect(key({ 'x-forwarded-for': '203.0.113.9' })).toBe(SHARED_CLIENT);
    });

    it('takes Vercel’s address over TRUSTED_PROXY_HOPS', () => {
      vi.stubEnv('VERCEL', '1');
      vi.stubEnv('TRUSTED_PROXY_HOPS', '1');
      expect(key({ 'x-real-ip': '203.0.113.1', 'x-forwarded-for': '198.51.100.1' })).toBe('203.0.113.1');
    });
  });

  it('counts an IPv6 address by its /64, so a host cannot rotate through its own block', () => {
    vi.stubEnv('TRUSTED_PROXY_HOPS', '1');
    const block = key({ 'x-forwarded-for': '2001:db8:0:1::1' });
    expect(block).toBe('2001:db8:0:1::/64');
    expect(key({ 'x-forwarded-for': '2001:DB8:0000:0001:ffff:1:2:3' })).toBe(block);
    expect(key({ 'x-forwarded-for': '2001:db8:0:2::1' })).not.toBe(block);
    expect(key({ 'x-forwarded-for': '::1' })).toBe('0:0:0:0::/64');
    // IPv4, and IPv4 written as IPv6, count by the whole address.
    expect(key({ 'x-forwarded-for': '::ffff:203.0.113.1' })).toBe('::ffff:203.0.113.1');
  });
});
