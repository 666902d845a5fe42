import { describe, expect, it } from 'vitest';
import { failureTitle } from '@/components/call/failure-copy';
import {
  gateOpen,
  gateStatus,
  gateStep,
  initialGate,
  showsWidget,
  type BotGateEvent,
  type BotGateState,
} from '@/components/bot-check/bot-gate';

/** The bot check beside Start (components/bot-check/): Start opens on the server's pass, never on the widget's word. */

const CONFIG = { siteKey: '1x00000000000000000000AA', passed: false };
const run = (state: BotGateState, ...events: BotGateEvent[]) => events.reduce(gateStep, state);

describe('the bot gate', () => {
  it('is open and invisible while the check is off', () => {
    const state = initialGate(null);
    expect(gateOpen(state)).toBe(true);
    expect(showsWidget(state)).toBe(false);
    expect(gateStatus(state)).toBeNull();
  });

  it('is open and invisible when the visitor already holds a pass (no Cloudflare script is loaded)', () => {
    const state = initialGate({ ...CONFIG, passed: true });
    expect(gateOpen(state)).toBe(true);
    expect(showsWidget(state)).toBe(false);
  });

  it('keeps Start disabled while the widget runs and while the server checks its token', () => {
    const checking = initialGate(CONFIG);
    expect([gateOpen(checking), showsWidget(checking)]).toEqual([false, true]);
    expect(gateStatus(checking)).toEqual({ text: 'Checking that you are human. Start unlocks when the check passes.', alert: false });
    const verifying = run(checking, { type: 'token' });
    expect(verifying.step).toBe('verifying');
    expect(gateOpen(verifying)).toBe(false);
  });

  it('opens only once the server has confirmed the token, and keeps the widget on screen (nothing moves)', () => {
    expect(gateOpen(run(initialGate(CONFIG), { type: 'verified' }))).toBe(false);
    const passed = run(initialGate(CONFIG), { type: 'token' }, { type: 'verified' });
    expect(gateOpen(passed)).toBe(true);
    expect(showsWidget(passed)).toBe(true);
    expect(gateStatus(passed)).toEqual({ text: 'Check passed. You can start the call.', alert: false });
  });

  it('says why when the server refuses the token, and opens after the widget’s next token passes', () => {
    const refused = run(initialGate(CONFIG), { type: 'token' }, { type: 'refused', message: 'The check did not pass. Try it again.' });
    expect(gateOpen(refused)).toBe(false);
    expect(gateStatus(refused)).toEqual({ text: 'The check did not pass. Try it again.', alert: true });
    expect(gateOpen(run(refused, { type: 'token' }, { type: 'verified' }))).toBe(true);
  });

  it('reports a widget that cannot run (blocked script), and recovers if it runs after all', () => {
    const blocked = run(initialGate(CONFIG), { type: 'widget-error', message: 'blocked' });
    expect(gateStatus(blocked)).toEqual({ text: 'blocked', alert: true });
    expect(gateOpen(run(blocked, { type: 'token' }, { type: 'verified' }))).toBe(true);
  });

  it('goes back to checking when the widget’s token expires before a pass, but never takes a pass back', () => {
    expect(run(initialGate(CONFIG), { type: 'token' }, { type: 'refused', message: 'x' }, { type: 'restarted' }).step).toBe('checking');
    const passed = run(initialGate(CONFIG), { type: 'token' }, { type: 'verified' });
    for (const event of [{ type: 'restarted' }, { type: 'widget-error', message: 'x' }, { type: 'refused', message: 'x' }] as const) {
      expect(gateOpen(gateStep(passed, event))).toBe(true);
    }
  });
});

describe('the call page after a start refused for want of a pass (it expired)', () => {
  it('asks the visitor to confirm they are human, and shows the widget again before Retry', () => {
    expect(failureTitle('bot_check_required')).toBe('Please confirm you’re human');
    // CallFailed opens a fresh gate for this failure: closed until a new pass.
    expect(gateOpen(initialGate({ ...CONFIG, passed: false }))).toBe(false);
  });
});
