import { describe, expect, it } from 'vitest';
import {
  agentStep,
  describeVisitorTurn,
  greeting,
  INITIAL_AGENT_STATE,
  type AgentEvent,
  type AgentScriptConfig,
} from '@/lib/server/runway/emulator/room/agent-script';

const CONFIG: AgentScriptConfig = {
  avatarName: 'Mochi',
  startScript: null,
  tools: [
    { name: 'show_card', args: { title: 'T', body: 'B' } },
    { name: 'highlight_section', args: { section: 'transcript' } },
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
    expect(state).toEqual({ phase: 'speaking', replies: 1 });
  });

  it('records but does not answer a visitor who talks over it, so it never talks back to back', () => {
    const { state, actions } = run([{ type: 'joined' }, { type: 'visitor-spoke', durationMs: 900 }, { type: 'line-done' }]);
    expect(actions).toEqual([
      { type: 'say', text: greeting(CONFIG) },
      { type: 'visitor-turn', text: describeVisitorTurn(900) },
    ]);
    expect(state.phase).toBe('listening');
  });

  it('calls the session’s tools on cue, one per reply after the first, and only its own tools on request', () => {
    const exchange: AgentEvent[] = [{ type: 'line-done' }, { type: 'visitor-spoke', durationMs: 1000 }];
    const { actions } = run([{ type: 'joined' }, ...exchange, ...exchange, ...exchange, ...exchange]);
    expect(
      actions.filter((action) => action.type === 'call-tool').map((action) => action.type === 'call-tool' && action.tool.name),
    ).toEqual(['show_card', 'highlight_section']);
    expect(run([{ type: 'tool-requested', name: 'highlight_section' }]).actions).toEqual([{ type: 'call-tool', tool: CONFIG.tools[1] }]);
    expect(run([{ type: 'tool-requested', name: 'delete_everything' }]).actions).toEqual([]);
  });
});
