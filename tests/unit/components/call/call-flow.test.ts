import { describe, expect, it } from 'vitest';
import { CONNECTION_FAILED, flowStep, INITIAL_FLOW, type Flow, type FlowEffect, type FlowEvent } from '@/components/call/call-flow';
import type { CallCredentials, StartedSession } from '@/lib/call/types';

/** The call page's flow, transition by transition, with no browser: events in, state and effects out. */

const SESSION: StartedSession = { sessionId: 's-1', createdAt: '2026-12-03T00:00:00.000Z', maxDurationSeconds: 300, ticket: 't-1' };
const CREDENTIALS: CallCredentials = { sessionId: 's-1', serverUrl: 'wss://room', token: 'jwt', roomName: 'room-1' };

/** Runs events from a flow, each 1 s after the last; returns the last flow and every effect asked for. */
function run(events: FlowEvent[], from: Flow = INITIAL_FLOW, startAt = 1_000) {
  let flow = from;
  const effects: FlowEffect[] = [];
  events.forEach((event, index) => {
    const next = flowStep(flow, event, startAt + index * 1_000);
    flow = next.flow;
    effects.push(...next.effects);
  });
  return { flow, effects };
}

const progress = (phase: 'queued' | 'starting' | 'ready' | 'failed' | 'completed', known?: 'queued' | 'starting'): FlowEvent => ({
  type: 'progress',
  attempt: 1,
  progress: { sessionId: 's-1', phase, ...(phase === 'failed' ? { failure: { code: 'INTERNAL', message: 'The worker crashed.' } } : {}) },
  known,
});

const TO_CALL: FlowEvent[] = [
  { type: 'start' },
  { type: 'created', attempt: 1, session: SESSION },
  progress('queued'),
  progress('starting', 'queued'),
  progress('ready', 'starting'),
  { type: 'consumed', attempt: 1, credentials: CREDENTIALS },
  { type: 'connected' },
];
const inCall = () => run(TO_CALL);
const LINES = [{ id: 'runway-transcription-assistant-0', speaker: 'avatar' as const, text: 'Hello.', final: true }];
const cancelOf = (effects: FlowEffect[]) => effects.filter((effect) => effect.type === 'cancel');

describe('the call flow', () => {
  it('start → created → queued → starting → ready → consumed → connected: each step shown, polled and timed', () => {
    const { flow, effects } = inCall();
    expect(flow.state).toEqual({ step: 'in-call', session: SESSION, credentials: CREDENTIALS, startedAt: 6_000 });
    expect(flow.timeline.map((entry) => entry.event)).toEqual(['created', 'queued', 'starting', 'ready', 'consumed', 'connected']);
    expect(effects).toEqual([
      { type: 'create', attempt: 1 },
      { type: 'poll', attempt: 1, session: SESSION },
      { type: 'poll', attempt: 1, session: SESSION, known: 'queued' },
      { type: 'poll', attempt: 1, session: SESSION, known: 'starting' },
      { type: 'consume', attempt: 1, session: SESSION },
    ]);
  });

  it('shows each provisioning phase, and asks again when the long poll answers with nothing new', () => {
    const queued = run(TO_CALL.slice(0, 3));
    expect(queued.flow.state).toEqual({ step: 'provisioning', phase: 'queued', sessionId: 's-1' });
    const same = flowStep(queued.flow, progress('queued', 'queued'), 9_000);
    expect(same.flow).toBe(queued.flow);
    expect(same.effects).toEqual([{ type: 'poll', attempt: 1, session: SESSION, known: 'queued' }]);
    expect(run(TO_CALL.slice(0, 5)).flow.state).toEqual({ step: 'provisioning', phase: 'connecting', sessionId: 's-1' });
  });

  it('ends cleanly: the duration, the stage’s final transcript, one last status read; a second onEnd changes nothing', () => {
    const { flow } = inCall();
    const ended = flowStep(flow, { type: 'ended', transcript: LINES }, 66_000);
    expect(ended.flow.state).toEqual({ step: 'ended', sessionId: 's-1', durationSeconds: 60, transcript: LINES });
    expect(ended.effects).toEqual([{ type: 'final-poll', session: SESSION }]);
    expect(cancelOf(ended.effects)).toEqual([]);
    expect(flowStep(ended.flow, { type: 'ended', transcript: LINES }, 67_000)).toEqual({ flow: ended.flow, effects: [] });
  });

  it('an onEnd before the media ever connected is a failed connection, and its session is cancelled', () => {
    const { flow } = run(TO_CALL.slice(0, 6));
    const ended = flowStep(flow, { type: 'ended', transcript: LINES }, 9_000);
    expect(ended.flow.state).toEqual({ step: 'failed', failure: { code: 'connection', message: CONNECTION_FAILED }, sessionId: 's-1' });
    expect(ended.effects).toEqual([
      { type: 'abort', attempt: 1 },
      { type: 'cancel', session: SESSION, keepalive: false },
    ]);
  });

  it('a connection failure during the call cancels the session and says why; a later one changes nothing', () => {
    const failed = flowStep(inCall().flow, { type: 'connection-failed', message: 'Lost.' }, 9_000);
    expect(failed.flow.state).toMatchObject({ step: 'failed', failure: { code: 'connection', message: 'Lost.' } });
    expect(cancelOf(failed.effects)).toEqual([{ type: 'cancel', session: SESSION, keepalive: false }]);
    expect(flowStep(failed.flow, { type: 'connection-failed' }, 10_000).effects).toEqual([]);
  });

  it.each([
    ['creating', 1],
    ['queued', 3],
    ['starting', 4],
    ['connecting', 5],
    ['in-call', 7],
  ])('cancel while %s goes back to idle, stops the requests and cancels the session once create has answered', (_phase, events) => {
    const { flow } = run(TO_CALL.slice(0, events));
    const cancelled = flowStep(flow, { type: 'cancel' }, 20_000);
    expect(cancelled.flow.state).toEqual({ step: 'idle' });
    expect(cancelled.flow.timeline.at(-1)).toEqual({ event: 'cancelled', at: 20_000 });
    expect(cancelled.effects[0]).toEqual({ type: 'abort', attempt: 1 });
    expect(cancelOf(cancelled.effects)).toEqual(events > 1 ? [{ type: 'cancel', session: SESSION, keepalive: false }] : []);
  });

  it('a session whose create answers after it was given up is cancelled at once, with keepalive', () => {
    const { flow } = run([{ type: 'start' }, { type: 'cancel' }]);
    const late = flowStep(flow, { type: 'created', attempt: 1, session: SESSION }, 9_000);
    expect(late.flow).toBe(flow);
    expect(late.effects).toEqual([{ type: 'cancel', session: SESSION, keepalive: true }]);
  });

  it.each([
    ['creating', 1],
    ['queued', 3],
    ['connecting', 5],
  ])('a request that fails while %s shows the failure and cancels a session the server did not settle', (_phase, events) => {
    const { flow } = run(TO_CALL.slice(0, events));
    const failed = flowStep(flow, { type: 'request-failed', attempt: 1, failure: { code: 'network', message: 'Offline.' } }, 20_000);
    expect(failed.flow.state).toEqual({
      step: 'failed',
      failure: { code: 'network', message: 'Offline.' },
      sessionId: events > 1 ? 's-1' : undefined,
    });
    expect(failed.flow.timeline.at(-1)?.event).toBe('failed');
    expect(cancelOf(failed.effects)).toEqual(events > 1 ? [{ type: 'cancel', session: SESSION, keepalive: false }] : []);
  });

  it('a session Runway failed, or the server timed out, is not cancelled again; one that ended early is', () => {
    const provisioning = run(TO_CALL.slice(0, 3)).flow;
    const failed = flowStep(provisioning, progress('failed', 'queued'), 9_000);
    expect(failed.flow.state).toEqual({
      step: 'failed',
      failure: { code: 'session_failed', message: 'The worker crashed.' },
      sessionId: 's-1',
    });
    expect(cancelOf(failed.effects)).toEqual([]);
    const timedOut = flowStep(
      provisioning,
      { type: 'request-failed', attempt: 1, failure: { code: 'session_timeout', message: 'Too slow.' } },
      9_000,
    );
    expect(cancelOf(timedOut.effects)).toEqual([]);
    const over = flowStep(provisioning, progress('completed', 'queued'), 9_000);
    expect(over.flow.state).toMatchObject({ step: 'failed', failure: { code: 'conflict' } });
    expect(cancelOf(over.effects)).toHaveLength(1);
  });

  it('retry starts a new attempt with a new session; answers meant for the old one are ignored', () => {
    const failed = run([
      ...TO_CALL.slice(0, 3),
      { type: 'request-failed', attempt: 1, failure: { code: 'network', message: 'Offline.' } },
    ]).flow;
    const retried = flowStep(failed, { type: 'start' }, 20_000);
    expect(retried.flow).toMatchObject({ attempt: 2, timeline: [], state: { step: 'provisioning', phase: 'creating' } });
    expect(retried.effects).toEqual([{ type: 'create', attempt: 2 }]);
    expect(flowStep(retried.flow, progress('ready'), 21_000)).toEqual({ flow: retried.flow, effects: [] });
    expect(flowStep(retried.flow, { type: 'consumed', attempt: 1, credentials: CREDENTIALS }, 21_000).flow).toBe(retried.flow);
  });

  it('"call again" after a clean end starts afresh, with no effect on the ended session', () => {
    const ended = run([...TO_CALL, { type: 'ended', transcript: LINES }]).flow;
    const again = flowStep(ended, { type: 'start' }, 90_000);
    expect(again.effects).toEqual([{ type: 'create', attempt: 2 }]);
  });

  it('the page going away cancels a session not yet connected with keepalive; coming back from the cache starts over', () => {
    const consumed = run(TO_CALL.filter((event) => event.type !== 'connected')).flow;
    const hidden = flowStep(consumed, { type: 'page-hidden' }, 20_000);
    expect(hidden.effects).toEqual([
      { type: 'abort', attempt: 1 },
      { type: 'cancel', session: SESSION, keepalive: true },
    ]);
    expect(flowStep(hidden.flow, { type: 'page-restored' }, 30_000).flow.state).toEqual({ step: 'idle' });
    // A call that ended cleanly holds nothing to cancel, and its end screen stays.
    const ended = run([...TO_CALL, { type: 'ended', transcript: LINES }]).flow;
    expect(flowStep(ended, { type: 'page-hidden' }, 90_000).effects).toEqual([]);
    expect(flowStep(ended, { type: 'page-restored' }, 90_000).flow.state.step).toBe('ended');
  });

  it('the page going away during a connected call cancels nothing: the room ends it and its transcript is kept', () => {
    const hidden = flowStep(inCall().flow, { type: 'page-hidden' }, 20_000);
    expect(hidden.effects).toEqual([{ type: 'abort', attempt: 1 }]);
    expect(flowStep(hidden.flow, { type: 'page-restored' }, 30_000).flow.state).toEqual({ step: 'idle' });
  });
});
