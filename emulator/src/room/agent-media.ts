import { loadAvatarLoops, type AvatarLoops } from './media/avatar-video';
import { synthesize } from './media/speech';
import type { FliteVoice } from './media/speech-engine.mjs';

/** One line the agent speaks: its text and its audio as 20 ms Opus frames. */
export interface SpokenLine {
  text: string;
  frames: Uint8Array[];
}

/** What the agent plays: its two face loops and its voice. */
export interface AgentMedia {
  loops: AvatarLoops;
  speak: (text: string, voice: FliteVoice) => Promise<SpokenLine>;
}

/** Loaded once per room server: the loops are read from disk, speech is synthesised per line (cached). */
export async function loadAgentMedia(): Promise<AgentMedia> {
  const loops = await loadAvatarLoops();
  // The speech worker compiles flite (a large wasm module) on its first line: pay that now, not in a call.
  synthesize('Hello.').catch(() => undefined);
  return { loops, speak: async (text, voice) => ({ text, frames: (await synthesize(text, voice)).frames }) };
}
