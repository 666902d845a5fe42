import type { CallStatus, ConnectionQuality, Speaker, TranscriptLine } from './call-model';

/**
 * The emulated call as a pure state machine: connecting → active → ended (absorbing). Speech arrives as
 * interim text that grows word by word, then turns final, as Runway's transcript does; a speaker is
 * "speaking" while their line is interim. Kept free of timers and React so it is unit-tested directly.
 */

export interface EmulatedState {
  status: CallStatus;
  lines: TranscriptLine[];
  speaking: Record<Speaker, boolean>;
  quality: ConnectionQuality;
}

export type EmulatedEvent =
  | { type: 'joined' }
  | { type: 'speak'; id: string; speaker: Speaker; text: string }
  | { type: 'finish'; id: string }
  | { type: 'quality'; quality: ConnectionQuality }
  | { type: 'ended' };

export const INITIAL_EMULATED_STATE: EmulatedState = {
  status: 'connecting',
  lines: [],
  speaking: { avatar: false, user: false },
  quality: 'unknown',
};

export function emulatedReducer(state: EmulatedState, event: EmulatedEvent): EmulatedState {
  if (state.status === 'ended') return state;
  switch (event.type) {
    case 'joined':
      return state.status === 'connecting' ? { ...state, status: 'active', quality: 'excellent' } : state;
    case 'speak': {
      if (state.status !== 'active') return state;
      const existing = state.lines.find((line) => line.id === event.id);
      if (existing?.final) return state;
      const line: TranscriptLine = { id: event.id, speaker: event.speaker, text: event.text, final: false };
      const lines = existing ? state.lines.map((entry) => (entry.id === event.id ? line : entry)) : [...state.lines, line];
      return { ...state, lines, speaking: { ...state.speaking, [event.speaker]: true } };
    }
    case 'finish': {
      const line = state.lines.find((entry) => entry.id === event.id);
      if (!line || line.final) return state;
      return {
        ...state,
        lines: state.lines.map((entry) => (entry.id === event.id ? { ...entry, final: true } : entry)),
        speaking: { ...state.speaking, [line.speaker]: false },
      };
    }
    case 'quality':
      return state.status === 'active' ? { ...state, quality: event.quality } : state;
    case 'ended':
      return {
        ...state,
        status: 'ended',
        lines: state.lines.map((line) => (line.final ? line : { ...line, final: true })),
        speaking: { avatar: false, user: false },
      };
  }
}

/** What the emulated call plays: the avatar's opening line, then a short scripted exchange. */
export function emulatedScript(avatarName: string, startScript: string | null): Array<{ speaker: Speaker; text: string }> {
  return [
    { speaker: 'avatar', text: startScript ?? `Hi, I'm ${avatarName}. This is an emulated call, so my lines are scripted.` },
    { speaker: 'user', text: 'What can this call do?' },
    {
      speaker: 'avatar',
      text: 'Everything a live call does: a transcript, captions, speaking indicators, a countdown and client tools. Only the video and voice are missing.',
    },
    { speaker: 'user', text: 'How do I make it real?' },
    { speaker: 'avatar', text: 'Set RUNWAYML_API_SECRET and restart the app. The same screen then runs on the Runway SDK.' },
  ];
}
