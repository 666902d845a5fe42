import 'server-only';
import { ElevenLabsClient, ElevenLabsError } from '@elevenlabs/elevenlabs-js';
import type { RealtimeSessionCreateParams } from '@runwayml/sdk/resources/realtime-sessions';
import { AppError } from '@/lib/errors';
import { getEnv } from '@/lib/server/env';

/**
 * Avatars whose conversation is an ElevenLabs agent (docs/integrations.md): Runway renders the face, the
 * agent listens, thinks and speaks. Each session gets a fresh signed URL, asked for right before create:
 * it lives about 15 minutes, so one is never kept for another call.
 */

/** What a visitor reads when the agent cannot be reached; the detail goes to the server log only. */
export const CANT_TALK = 'This character can’t talk right now. Please try again in a few minutes.';

/** A call start waits on this request: ElevenLabs answers in well under a second when it is well. */
const TIMEOUT_MS = 4000;

let cached: { signature: string; client: ElevenLabsClient } | undefined;

/**
 * ElevenLabs itself, or whatever ELEVENLABS_BASE_URL names: the emulator's stand-in, which `npm run dev`
 * sets with a placeholder key and the built-in avatar's agent, so a real key never reaches the emulator.
 */
function client() {
  const { ELEVENLABS_API_KEY: apiKey, ELEVENLABS_BASE_URL: baseUrl } = getEnv();
  const signature = `${apiKey ?? ''}\n${baseUrl ?? ''}`;
  if (cached?.signature === signature) return cached.client;
  // Not retried: a slow or failing ElevenLabs fails this start at once, and the visitor may try again.
  const created = new ElevenLabsClient({ apiKey, baseUrl, maxRetries: 0 });
  cached = { signature, client: created };
  return created;
}

/** The ElevenLabs agent this avatar talks through, or undefined when Runway's own model holds the conversation. */
export function elevenLabsAgentFor(avatarId: string): string | undefined {
  const agents = getEnv().ELEVENLABS_AGENTS ?? {};
  return Object.hasOwn(agents, avatarId) ? agents[avatarId] : undefined;
}

function describe(error: unknown, signal: AbortSignal) {
  if (signal.aborted) return `no answer within ${TIMEOUT_MS / 1000} s`;
  if (error instanceof ElevenLabsError && error.statusCode !== undefined) return `HTTP ${error.statusCode}`;
  return 'unreachable';
}

/** A fresh signed URL for the agent; any failure is a 503 with plain copy, and no session is created. */
async function signedUrlFor(agentId: string): Promise<string> {
  // Our own signal, not the SDK's timeoutInSeconds: the SDK aborts with a string reason, which Node's fetch
  // rethrows as is, so the SDK reports its own timeout as an unknown error.
  const signal = AbortSignal.timeout(TIMEOUT_MS);
  try {
    const { signedUrl } = await client().conversationalAi.conversations.getSignedUrl({ agentId }, { abortSignal: signal });
    return signedUrl;
  } catch (error) {
    // Service, agent and status only: an SDK error's message carries the response body, and its request the key.
    throw new AppError('character_unavailable', CANT_TALK, {
      cause: new Error(`ElevenLabs signed URL for agent ${agentId}: ${describe(error, signal)}`),
    });
  }
}

/** The create request's `integration` for this avatar, or undefined when it has no ElevenLabs agent. */
export async function elevenLabsIntegration(avatarId: string): Promise<RealtimeSessionCreateParams.Elevenlabs | undefined> {
  const agentId = elevenLabsAgentFor(avatarId);
  return agentId === undefined ? undefined : { type: 'elevenlabs', signedUrl: await signedUrlFor(agentId) };
}
