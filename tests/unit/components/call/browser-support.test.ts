import { describe, expect, it } from 'vitest';
import { checkSupport, detectBrowser } from '@/components/call/browser-support';
import { permissionHelp, statusFromError } from '@/components/call/media-permissions';

const UA = {
  chrome: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  oldChrome: 'Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.77 Safari/537.36',
  edge: 'Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
  firefox: 'Mozilla/5.0 (X11; Linux x86_64; rv:77.0) Gecko/20100101 Firefox/77.0',
  safari14: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/14.0 Safari/605.1.15',
  safari141:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 14_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/14.1 Mobile/15E148 Safari/604.1',
};
const fine = { secureContext: true, webrtc: true, mediaDevices: true };

describe('browser support', () => {
  it('tells Edge from Chrome and reads versions', () => {
    expect(detectBrowser(UA.edge)).toEqual({ name: 'edge', version: [131, 0] });
    expect(detectBrowser(UA.chrome)).toEqual({ name: 'chrome', version: [131, 0] });
    expect(detectBrowser(UA.safari141)).toEqual({ name: 'safari', version: [14, 1] });
  });

  it('accepts current browsers and Safari from 14.1, and names what is too old', () => {
    expect(checkSupport({ userAgent: UA.chrome, ...fine })).toEqual({ browser: 'chrome', problems: [], blocking: false });
    expect(checkSupport({ userAgent: UA.safari141, ...fine }).problems).toEqual([]);
    expect(checkSupport({ userAgent: UA.safari14, ...fine }).problems).toEqual([
      'Safari 14.0 is too old for calls: update to Safari 14.1 or later.',
    ]);
    expect(checkSupport({ userAgent: UA.oldChrome, ...fine }).problems[0]).toContain('Chrome 74');
    expect(checkSupport({ userAgent: UA.firefox, ...fine }).problems[0]).toContain('Firefox 78');
  });

  it('blocks calls outside a secure context or without WebRTC', () => {
    const insecure = checkSupport({ userAgent: UA.chrome, ...fine, secureContext: false });
    expect(insecure.blocking).toBe(true);
    expect(insecure.problems[0]).toContain('HTTPS');
    expect(checkSupport({ userAgent: UA.chrome, ...fine, webrtc: false }).blocking).toBe(true);
  });
});

describe('permission help', () => {
  it('maps getUserMedia errors to states', () => {
    expect(statusFromError(new DOMException('x', 'NotAllowedError'))).toBe('denied');
    expect(statusFromError(new DOMException('x', 'NotFoundError'))).toBe('no-device');
    expect(statusFromError(new DOMException('x', 'NotReadableError'))).toBe('busy');
    expect(statusFromError(new Error('x'))).toBe('error');
  });

  it('says how to unblock per browser, and nothing for working devices', () => {
    expect(permissionHelp('denied', 'camera', 'chrome')).toContain('site-settings icon');
    expect(permissionHelp('denied', 'microphone', 'firefox')).toContain('crossed-out microphone icon');
    expect(permissionHelp('denied', 'camera', 'safari')).toContain('Settings for This Website');
    expect(permissionHelp('no-device', 'camera', 'chrome')).toContain('No camera was found');
    expect(permissionHelp('on', 'camera', 'chrome')).toBeNull();
  });
});
