/**
 * What the emulated avatar says and does, as a pure state machine: events in, actions out, no timers, no
 * media. It greets with the avatar's start script, answers each thing the visitor says with the next scripted
 * reply, and calls the avatar's tools on cue or when asked. It cannot know the visitor's words, so their
 * turns say how long they spoke.
 */

export interface AgentTool {
  name: string;
  args: Record<string, unknown>;
}

export interface AgentScriptConfig {
  avatarName: string;
  startScript: string | null;
  /** The client tools the session was created with, with the arguments the agent calls them with. */
  tools: AgentTool[];
}

export type AgentEvent =
  { type: 'joined' } | { type: 'line-done' } | { type: 'visitor-spoke'; durationMs: number } | { type: 'tool-requested'; name: string };

export type AgentAction = { type: 'say'; text: string } | { type: 'visitor-turn'; text: string } | { type: 'call-tool'; tool: AgentTool };

export interface AgentState {
  phase: 'waiting' | 'speaking' | 'listening';
  /** How many replies were spoken: picks the next reply and the tool cues. */
  replies: number;
}

export const INITIAL_AGENT_STATE: AgentState = { phase: 'waiting', replies: 0 };

const REPLIES = [
  'I heard you. I am an emulated avatar, so I cannot understand your words, but I can tell when you speak.',
  'Everything in this call is real except me: the Runway SDK, the LiveKit protocol, WebRTC and the media. My face, voice and replies are emulated.',
  'Set RUNWAYML_API_SECRET and restart the app, and this same page talks to a real Runway character.',
];

/** The reply after which each tool is called, in order: the demo shows a tool within the first few turns. */
const TOOL_CUE_AFTER_REPLY = 1;

export function greeting(config: AgentScriptConfig) {
  return (
    config.startScript?.trim() || `Hi, I am ${config.avatarName}. This call runs on the built-in emulator. Say something and I will answer.`
  );
}

export function describeVisitorTurn(durationMs: number) {
  return `(you spoke for ${(durationMs / 1000).toFixed(1)} s)`;
}

function reply(state: AgentState, config: AgentScriptConfig): { state: AgentState; actions: AgentAction[] } {
  const index = state.replies;
  const actions: AgentAction[] = [{ type: 'say', text: REPLIES[index % REPLIES.length]! }];
  const cued = config.tools[index - TOOL_CUE_AFTER_REPLY];
  if (cued) actions.push({ type: 'call-tool', tool: cued });
  return { state: { ...state, phase: 'speaking', replies: index + 1 }, actions };
}

export function agentStep(state: AgentState, event: AgentEvent, config: AgentScriptConfig): { state: AgentState; actions: AgentAction[] } {
  switch (event.type) {
    case 'joined':
      if (state.phase !== 'waiting') return { state, actions: [] };
      return { state: { ...state, phase: 'speaking' }, actions: [{ type: 'say', text: greeting(config) }] };
    case 'line-done':
      if (state.phase !== 'speaking') return { state, actions: [] };
      return { state: { ...state, phase: 'listening' }, actions: [] };
    case 'visitor-spoke': {
      const turn: AgentAction = { type: 'visitor-turn', text: describeVisitorTurn(event.durationMs) };
      // Only what is said while the avatar listens gets an answer: talking over it is heard (the turn is
      // recorded) but not answered, so the avatar never talks back to back and its silences are real.
      if (state.phase !== 'listening') return { state, actions: [turn] };
      const next = reply(state, config);
      return { state: next.state, actions: [turn, ...next.actions] };
    }
    case 'tool-requested': {
      const tool = config.tools.find((candidate) => candidate.name === event.name);
      return { state, actions: tool ? [{ type: 'call-tool', tool }] : [] };
    }
  }
}
