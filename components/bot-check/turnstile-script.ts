import { TURNSTILE_SCRIPT_URL } from '@/lib/bot-check/bot-check';

/** The part of Cloudflare's `window.turnstile` this app uses (explicit rendering). */
export interface TurnstileApi {
  render(container: HTMLElement, options: TurnstileOptions): string | null | undefined;
  reset(widgetId: string): void;
  remove(widgetId: string): void;
}

export interface TurnstileOptions {
  sitekey: string;
  action?: string;
  theme?: 'light' | 'dark' | 'auto';
  size?: 'normal' | 'flexible' | 'compact';
  callback: (token: string) => void;
  'expired-callback'?: () => void;
  'timeout-callback'?: () => void;
  /** Returning true tells Turnstile the error was handled (it throws otherwise). */
  'error-callback'?: (code: string) => boolean;
}

declare global {
  interface Window {
    turnstile?: TurnstileApi;
  }
}

let loading: Promise<TurnstileApi> | undefined;

/**
 * Cloudflare's script, added once per page and only where a bot check is shown, so pages without one never
 * contact Cloudflare. Added from a script that carries the CSP nonce, which 'strict-dynamic' trusts.
 */
export function loadTurnstile(): Promise<TurnstileApi> {
  if (window.turnstile) return Promise.resolve(window.turnstile);
  loading ??= new Promise<TurnstileApi>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = TURNSTILE_SCRIPT_URL;
    script.async = true;
    script.onload = () => (window.turnstile ? resolve(window.turnstile) : reject(new Error('Turnstile did not start')));
    script.onerror = () => {
      // A later view may try again (the visitor unblocked it, or the network came back).
      script.remove();
      loading = undefined;
      reject(new Error('Turnstile did not load'));
    };
    document.head.append(script);
  });
  return loading;
}
