/** Why a camera or microphone is not available, from getUserMedia's error (or its absence). */
export type DeviceStatus = 'idle' | 'on' | 'off' | 'denied' | 'no-device' | 'busy' | 'error';

export function statusFromError(error: unknown): DeviceStatus {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError') return 'no-device';
  if (name === 'NotReadableError' || name === 'AbortError') return 'busy';
  return 'error';
}

export type BrowserName = 'chrome' | 'edge' | 'firefox' | 'safari' | 'other';

/** How to fix each state, in the visitor's browser. */
export function permissionHelp(status: DeviceStatus, device: 'camera' | 'microphone', browser: BrowserName): string | null {
  switch (status) {
    case 'denied':
      switch (browser) {
        case 'chrome':
        case 'edge':
          return `The ${device} is blocked for this site. Click the site-settings icon left of the address, set ${device === 'camera' ? 'Camera' : 'Microphone'} to Allow, then reload the page.`;
        case 'firefox':
          return `The ${device} is blocked for this site. Click the crossed-out ${device} icon in the address bar, clear the blocked permission, then reload and choose Allow.`;
        case 'safari':
          return `The ${device} is blocked for this site. Open Safari › Settings for This Website (or Settings › Websites › ${device === 'camera' ? 'Camera' : 'Microphone'}), choose Allow, then reload.`;
        default:
          return `The ${device} is blocked for this site. Allow it in your browser’s site settings, then reload the page.`;
      }
    case 'no-device':
      return `No ${device} was found. Connect one, or check your system’s privacy settings (macOS: System Settings › Privacy & Security › ${device === 'camera' ? 'Camera' : 'Microphone'}; Windows: Settings › Privacy › ${device === 'camera' ? 'Camera' : 'Microphone'}), then reload.`;
    case 'busy':
      return `The ${device} is in use by another app or tab, or the system blocked it. Close the other app, then try again.`;
    case 'error':
      return `The ${device} could not be started. Try another device or reload the page.`;
    default:
      return null;
  }
}
