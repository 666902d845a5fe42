import type { BrowserName } from './media-permissions';

/**
 * Whether this browser can hold a call: the Runway SDK needs a secure context (HTTPS or localhost) for the
 * camera and microphone, WebRTC, and Chrome 74+, Firefox 78+, Safari 14.1+ or Edge 79+ (the React SDK's list).
 */

const MINIMUM: Record<Exclude<BrowserName, 'other'>, [number, number]> = {
  chrome: [74, 0],
  edge: [79, 0],
  firefox: [78, 0],
  safari: [14, 1],
};
const LABEL: Record<BrowserName, string> = { chrome: 'Chrome', edge: 'Edge', firefox: 'Firefox', safari: 'Safari', other: 'This browser' };

export function detectBrowser(userAgent: string): { name: BrowserName; version: [number, number] | null } {
  const match = (pattern: RegExp) => {
    const found = pattern.exec(userAgent);
    return found ? ([Number(found[1]), Number(found[2] ?? 0)] as [number, number]) : null;
  };
  // Order matters: Edge and Chrome on iOS also say "Safari", Edge also says "Chrome".
  const edge = match(/Edg(?:e|A|iOS)?\/(\d+)(?:\.(\d+))?/);
  if (edge) return { name: 'edge', version: edge };
  const firefox = match(/(?:Firefox|FxiOS)\/(\d+)(?:\.(\d+))?/);
  if (firefox) return { name: 'firefox', version: firefox };
  const chrome = match(/(?:Chrome|Chromium|CriOS)\/(\d+)(?:\.(\d+))?/);
  if (chrome) return { name: 'chrome', version: chrome };
  const safari = /Safari\//.test(userAgent) ? match(/Version\/(\d+)(?:\.(\d+))?/) : null;
  if (safari) return { name: 'safari', version: safari };
  return { name: 'other', version: null };
}

export interface SupportReport {
  browser: BrowserName;
  /** Plain sentences, empty when everything is fine. */
  problems: string[];
  /** A call cannot work at all here (an old version may still work, so it only warns). */
  blocking: boolean;
}

export function checkSupport(environment: {
  userAgent: string;
  secureContext: boolean;
  webrtc: boolean;
  mediaDevices: boolean;
}): SupportReport {
  const { name, version } = detectBrowser(environment.userAgent);
  const problems: string[] = [];
  const blocking = !environment.secureContext || !environment.webrtc || !environment.mediaDevices;
  if (!environment.secureContext) {
    problems.push(
      'This page is not served over HTTPS (or localhost), so the browser will not share a camera or microphone. Open it over HTTPS.',
    );
  }
  if (!environment.webrtc || !environment.mediaDevices) {
    problems.push(
      `${LABEL[name]} cannot make video calls here (no WebRTC or media devices). Use a current Chrome, Edge, Firefox or Safari.`,
    );
  }
  if (name !== 'other' && version) {
    const [major, minor] = MINIMUM[name];
    if (version[0] < major || (version[0] === major && version[1] < minor)) {
      problems.push(
        `${LABEL[name]} ${version.join('.')} is too old for calls: update to ${LABEL[name]} ${major}${minor ? `.${minor}` : ''} or later.`,
      );
    }
  }
  return { browser: name, problems, blocking };
}

export function currentSupport(): SupportReport {
  return checkSupport({
    userAgent: navigator.userAgent,
    secureContext: window.isSecureContext,
    webrtc: typeof RTCPeerConnection === 'function',
    mediaDevices: typeof navigator.mediaDevices?.getUserMedia === 'function',
  });
}
