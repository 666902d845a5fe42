import type { FliteVoice } from './media/speech-engine.mjs';

/**
 * What the emulated avatar says and does, as a pure state machine: events in, actions out, no timers, no
 * media. It greets with the avatar's start script, answers each thing the visitor says with the next scripted
 * reply, calls the avatar's tools on cue or when asked, and speaks what a backend tool answered. It cannot
 * know the visitor's words, so their turns say how long they spoke.
 */

export interface AgentTool {
  name: string;
  /** A client event the browser handles, or a backend RPC whose answer the avatar speaks. */
  kind: 'client' | 'backend';
  /** The arguments of successive calls, in turn: a real model fills them from the conversation. */
  examples: Array<Record<string, unknown>>;
  /** How long the worker waits for a backend tool's answer (its `timeoutSeconds`). */
  timeoutMs: number;
}

export interface AgentScriptConfig {
  /**
   * Who holds the conversation: Runway's model (the avatar's script), or an ElevenLabs agent through the
   * stand-in, which answers with its own lines and voice so a call shows which one is talking.
   */
  conversation: 'runway' | 'elevenlabs';
  avatarName: string;
  startScript: string | null;
  /** The tools the session was created with, client and backend. */
  tools: AgentTool[];
}

/** What a backend tool call came back with: the handler's result, or why there is none. */
export type ToolAnswer = { result: Record<string, unknown> } | { error: string };

export type AgentEvent =
  | { type: 'joined' }
  | { type: 'line-done' }
  | { type: 'visitor-spoke'; durationMs: number }
  /** "Call this tool now" (the control API), with these arguments or made-up ones. */
  | { type: 'tool-requested'; name: string; args?: Record<string, unknown> }
  | { type: 'tool-answered'; name: string; answer: ToolAnswer };

export type AgentAction =
  | { type: 'say'; text: string }
  | { type: 'visitor-turn'; text: string }
  | { type: 'call-tool'; tool: AgentTool; args: Record<string, unknown> };

export interface AgentState {
  phase: 'waiting' | 'speaking' | 'listening';
  /** How many replies were spoken: picks the next reply and the tool cues. */
  replies: number;
  /** Lines said and not yet finished: the avatar listens only when none is left. */
  pending: number;
  /** Calls per tool so far: picks each call's example arguments. */
  calls: Record<string, number>;
}

export const INITIAL_AGENT_STATE: AgentState = { phase: 'waiting', replies: 0, pending: 0, calls: {} };

const REPLIES = [
  'I heard you. I am an emulated avatar, so I cannot understand your words, but I can tell when you speak.',
  'Everything in this call is real except me: the Runway SDK, the LiveKit protocol, WebRTC and the media. My face, voice and replies are emulated.',
  'Set RUNWAYML_API_SECRET and restart the app, and this same page talks to a real Runway character.',
];

/** The stand-in ElevenLabs agent's lines: its greeting replaces the avatar's start script, as the agent's first message does. */
export const ELEVENLABS_GREETING = 'Hello, the ElevenLabs agent answers. Runway draws my face; my words and my voice come from ElevenLabs.';
const ELEVENLABS_REPLIES = [
  'The ElevenLabs agent answers: I heard you. This stand-in cannot understand words, but a real agent would answer you here.',
  'The ElevenLabs agent answers again. My tools and knowledge live in the agent, not in this app.',
];

/** The reply after which each tool is called, in order: the demo shows a tool within the first few turns. */
const TOOL_CUE_AFTER_REPLY = 1;

/** The voice the lines are spoken in: the stand-in agent's is another flite voice, so it is heard to differ. */
export const agentVoice = (config: AgentScriptConfig): FliteVoice => (config.conversation === 'elevenlabs' ? 'rms' : 'slt');

export function greeting(config: AgentScriptConfig) {
  if (config.conversation === 'elevenlabs') return ELEVENLABS_GREETING;
  return (
    config.startScript?.trim() || `Hi, I am ${config.avatarName}. This call runs on the built-in emulator. Say something and I will answer.`
  );
}

export function describeVisitorTurn(durationMs: number) {
  return `(you spoke for ${(durationMs / 1000).toFixed(1)} s)`;
}

type Step = { state: AgentState; actions: AgentAction[] };

function say(state: AgentState, text: string): Step {
  return { state: { ...state, phase: 'speaking', pending: state.pending + 1 }, actions: [{ type: 'say', text }] };
}

function callTool(state: AgentState, tool: AgentTool, given?: Record<string, unknown>): Step {
  const made = state.calls[tool.name] ?? 0;
  const args = given ?? (tool.examples.length ? tool.examples[made % tool.examples.length]! : {});
  return {
    state: { ...state, calls: { ...state.calls, [tool.name]: made + 1 } },
    actions: [{ type: 'call-tool', tool, args: { ...args } }],
  };
}

function reply(state: AgentState, config: AgentScriptConfig): Step {
  const index = state.replies;
  const replies = config.conversation === 'elevenlabs' ? ELEVENLABS_REPLIES : REPLIES;
  const said = say({ ...state, replies: index + 1 }, replies[index % replies.length]!);
  // Backend tools are cued first: a demo, and live mode (which has no debug menu), hear a lookup early on.
  const cues = [...config.tools.filter((tool) => tool.kind === 'backend'), ...config.tools.filter((tool) => tool.kind === 'client')];
  const cued = cues[index - TOOL_CUE_AFTER_REPLY];
  if (!cued) return said;
  const called = callTool(said.state, cued);
  return { state: called.state, actions: [...said.actions, ...called.actions] };
}

export function agentStep(state: AgentState, event: AgentEvent, config: AgentScriptConfig): Step {
  switch (event.type) {
    case 'joined':
      if (state.phase !== 'waiting') return { state, actions: [] };
      return say(state, greeting(config));
    case 'line-done': {
      if (state.phase !== 'speaking') return { state, actions: [] };
      const pending = Math.max(0, state.pending - 1);
      return { state: { ...state, pending, phase: pending > 0 ? 'speaking' : 'listening' }, actions: [] };
    }
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
      return tool ? callTool(state, tool, event.args) : { state, actions: [] };
    }
    case 'tool-answered':
      // The model speaks what the tool gave it; here, one sentence built from the result or the error.
      if (state.phase === 'waiting') return { state, actions: [] };
      return say(state, spokenAnswer(event.name, event.answer));
  }
}

/**
 * What a model says after a backend tool answered: the result's `summary` sentence when the handler gave
 * one, the error when it failed, else a neutral line. Never throws: the answer is whatever the backend sent.
 */
export function spokenAnswer(name: string, answer: ToolAnswer): string {
  if ('error' in answer) {
    const message = typeof answer.error === 'string' ? answer.error.trim().replace(/[.\s]+$/, '') : '';
    return message ? `I could not do that: ${message}.` : 'I could not do that.';
  }
  const summary = typeof answer.result === 'object' && answer.result !== null ? answer.result.summary : undefined;
  return typeof summary === 'string' && summary.trim() ? summary.trim() : `The ${name} tool answered.`;
}
