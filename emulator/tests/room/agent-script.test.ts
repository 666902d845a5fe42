import { describe, expect, it } from 'vitest';
import {
  agentStep,
  describeVisitorTurn,
  greeting,
  INITIAL_AGENT_STATE,
  type AgentEvent,
  type AgentScriptConfig,
} from '../../src/room/agent-script';

const CONFIG: AgentScriptConfig = {
  conversation: 'runway',
  avatarName: 'Mochi',
  startScript: null,
  tools: [
    { name: 'show_card', kind: 'client', examples: [{ title: 'T', body: 'B' }], timeoutMs: 0 },
    { name: 'highlight_section', kind: 'client', examples: [{ section: 'transcript' }], timeoutMs: 0 },
    { name: 'lookup_order', kind: 'backend', examples: [{ orderId: 'RC-1001' }, { orderId: 'RC-9999' }], timeoutMs: 4000 },
  ],
};

function run(events: AgentEvent[], config = CONFIG) {
  let state = INITIAL_AGENT_STATE;
  const actions = [];
  for (const event of events) {
    const next = agentStep(state, event, config);
    state = next.state;
    actions.push(...next.actions);
  }
  return { state, actions };
}

describe('the emulated agent’s script', () => {
  it('greets once with the start script, or a default that names the avatar', () => {
    expect(run([{ type: 'joined' }, { type: 'joined' }], { ...CONFIG, startScript: 'Hello there.' }).actions).toEqual([
      { type: 'say', text: 'Hello there.' },
    ]);
    expect(greeting(CONFIG)).toMatch(/^Hi, I am Mochi\./);
    expect(greeting({ ...CONFIG, startScript: '   ' })).toMatch(/Mochi/);
  });

  it('answers what the visitor says while it listens, with the visitor’s turn first', () => {
    const { state, actions } = run([{ type: 'joined' }, { type: 'line-done' }, { type: 'visitor-spoke', durationMs: 2100 }]);
    expect(actions.slice(1)).toEqual([
      { type: 'visitor-turn', text: '(you spoke for 2.1 s)' },
      { type: 'say', text: expect.stringMatching(/^I heard you/) },
    ]);
    expect(state).toMatchObject({ phase: 'speaking', replies: 1, pending: 1 });
  });

  it('records but does not answer a visitor who talks over it, so it never talks back to back', () => {
    const { state, actions } = run([{ type: 'joined' }, { type: 'visitor-spoke', durationMs: 900 }, { type: 'line-done' }]);
    expect(actions).toEqual([
      { type: 'say', text: greeting(CONFIG) },
      { type: 'visitor-turn', text: describeVisitorTurn(900) },
    ]);
    expect(state.phase).toBe('listening');
  });

  it('calls the session’s tools on cue, backend tools first, one per reply after the first, and only its own tools on request', () => {
    const exchange: AgentEvent[] = [{ type: 'line-done' }, { type: 'visitor-spoke', durationMs: 1000 }];
    const { actions } = run([{ type: 'joined' }, ...exchange, ...exchange, ...exchange, ...exchange, ...exchange]);
    expect(
      actions.filter((action) => action.type === 'call-tool').map((action) => action.type === 'call-tool' && action.tool.name),
    ).toEqual(['lookup_order', 'show_card', 'highlight_section']);
    expect(run([{ type: 'tool-requested', name: 'highlight_section' }]).actions).toEqual([
      { type: 'call-tool', tool: CONFIG.tools[1], args: { section: 'transcript' } },
    ]);
    expect(run([{ type: 'tool-requested', name: 'delete_everything' }]).actions).toEqual([]);
  });

  it('cycles a tool’s example arguments call by call, so a demo shows a lookup that succeeds and one that fails', () => {
    const request: AgentEvent = { type: 'tool-requested', name: 'lookup_order' };
    const args = run([request, request, request]).actions.map((action) => action.type === 'call-tool' && action.args);
    expect(args).toEqual([{ orderId: 'RC-1001' }, { orderId: 'RC-9999' }, { orderId: 'RC-1001' }]);
  });

  it('speaks what a backend tool answered, or why it failed, and listens only once every queued line is done', () => {
    const answered: AgentEvent = { type: 'tool-answered', name: 'lookup_order', answer: { error: 'No order RC-9999 was found.' } };
    // The answer lands while the greeting still plays: two lines are queued, so the first line-done keeps it speaking.
    const { state, actions } = run([{ type: 'joined' }, answered, { type: 'line-done' }]);
    expect(actions.at(-1)).toEqual({ type: 'say', text: 'I could not do that: No order RC-9999 was found.' });
    expect(state).toMatchObject({ phase: 'speaking', pending: 1 });
    expect(run([{ type: 'joined' }, answered, { type: 'line-done' }, { type: 'line-done' }]).state.phase).toBe('listening');
    // Nothing is said before the call has started.
    expect(run([answered]).actions).toEqual([]);
  });
});
