import type { BotCheckConfig } from '@/lib/bot-check/bot-check';

/**
 * The bot check beside a Start button, as a pure state machine (the widget and the request run in
 * bot-check.tsx): Start opens only once the server has set the pass, never on the widget's word alone.
 */

export type BotGateState =
  /** The check is off on this server: nothing to show, Start is open. */
  | { step: 'off' }
  /** A pass was already held when the view opened: nothing to show. */
  | { step: 'held' }
  /** The widget is loading or running its challenge. */
  | { step: 'checking' }
  /** The widget gave a token; the server is asking Cloudflare about it. */
  | { step: 'verifying' }
  | { step: 'passed' }
  /** The token was refused, or could not be confirmed: the widget starts over. */
  | { step: 'retry'; message: string }
  /** The widget cannot run here (its script did not load, or it reported an error). */
  | { step: 'unavailable'; message: string };

export type BotGateEvent =
  | { type: 'token' }
  | { type: 'verified' }
  | { type: 'refused'; message: string }
  /** Cloudflare's widget expired its token or timed out its challenge before a pass. */
  | { type: 'restarted' }
  | { type: 'widget-error'; message: string };

export const SCRIPT_FAILED =
  'The check could not load. A content blocker may be stopping challenges.cloudflare.com: allow it, then reload the page.';

export function initialGate(config: BotCheckConfig | null): BotGateState {
  if (!config) return { step: 'off' };
  return config.passed ? { step: 'held' } : { step: 'checking' };
}

export function gateStep(state: BotGateState, event: BotGateEvent): BotGateState {
  // Nothing the widget says can take back a pass the server has set.
  if (state.step === 'off' || state.step === 'held' || state.step === 'passed') return state;
  switch (event.type) {
    case 'token':
      return { step: 'verifying' };
    case 'verified':
      return state.step === 'verifying' ? { step: 'passed' } : state;
    case 'refused':
      return { step: 'retry', message: event.message };
    case 'restarted':
      return { step: 'checking' };
    case 'widget-error':
      return { step: 'unavailable', message: event.message };
  }
}

/** Whether Start may be pressed. */
export const gateOpen = (state: BotGateState) => state.step === 'off' || state.step === 'held' || state.step === 'passed';

/** Whether the widget is on screen (it stays after a pass, showing Cloudflare's tick, so nothing moves). */
export const showsWidget = (state: BotGateState) => state.step !== 'off' && state.step !== 'held';

/** The line under the widget: what is happening, and what to do when it is stuck. */
export function gateStatus(state: BotGateState): { text: string; alert: boolean } | null {
  switch (state.step) {
    case 'off':
    case 'held':
      return null;
    case 'checking':
      return { text: 'Checking that you are human. Start unlocks when the check passes.', alert: false };
    case 'verifying':
      return { text: 'Confirming the check…', alert: false };
    case 'passed':
      return { text: 'Check passed. You can start the call.', alert: false };
    case 'retry':
    case 'unavailable':
      return { text: state.message, alert: true };
  }
}
