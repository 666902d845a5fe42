import { createHmac, timingSafeEqual } from 'node:crypto';
import type { EmulatorContext } from './context';

/**
 * A stand-in for the one ElevenLabs endpoint the app calls: `GET /v1/convai/conversation/get-signed-url`,
 * which hands out a short-lived `wss://` URL for one conversation with an agent. It checks the key's shape,
 * knows one agent, and signs its URLs so the emulated worker can tell its own from any other and see when
 * one expired. Faults (`elevenlabs-401`, `-404`, `-500`, `-slow`) fail the next request, once.
 */

/** The agent the built-in custom avatar talks through in emulator mode. */
export const STAND_IN_AGENT_ID = 'agent_emulator_standin';
/** What the app sends as `xi-api-key` in emulator mode: the stand-in takes any `sk_…` key. */
export const STAND_IN_API_KEY = 'sk_emulator_placeholder';
/** ElevenLabs says a signed URL lives about 15 minutes. */
export const SIGNED_URL_TTL_MS = 15 * 60_000;
const SIGNED_PATH = '/v1/convai/conversation';

/** ElevenLabs' error body: `{ detail: { status, message } }`. */
const elevenLabsError = (status: number, code: string, message: string) => Response.json({ detail: { status: code, message } }, { status });

function signature(ctx: EmulatorContext, agentId: string, expires: number, nonce: string) {
  return createHmac('sha256', ctx.state.elevenLabsKey).update(`${agentId}\n${expires}\n${nonce}`).digest('base64url');
}

/** Answers until the client gives up: what a hung upstream looks like to the app's timeout. */
function hang(signal: AbortSignal) {
  return new Promise<never>((_resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('The stand-in hung for 60 s')), 60_000);
    signal.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });
}

export async function getSignedUrl(ctx: EmulatorContext, request: Request, url: URL): Promise<Response> {
  const fault = ctx.state.faults.elevenlabs.shift();
  if (fault === 'elevenlabs-slow') return hang(request.signal);
  const key = request.headers.get('xi-api-key');
  if (fault === 'elevenlabs-401' || !key || !/^sk_\S+$/.test(key)) return elevenLabsError(401, 'invalid_api_key', 'Invalid API key');
  if (fault === 'elevenlabs-500') return elevenLabsError(500, 'internal_error', 'Internal server error');
  const agentId = url.searchParams.get('agent_id') ?? '';
  if (fault === 'elevenlabs-404' || agentId !== STAND_IN_AGENT_ID) {
    return elevenLabsError(404, 'agent_not_found', `Agent ${agentId || '(none)'} not found`);
  }
  const expires = ctx.now() + SIGNED_URL_TTL_MS;
  // A nonce makes every URL one conversation's, as ElevenLabs' are.
  const nonce = crypto.randomUUID().slice(0, 8);
  const query = new URLSearchParams({
    agent_id: agentId,
    conversation_signature: `${expires}.${nonce}.${signature(ctx, agentId, expires, nonce)}`,
  });
  return Response.json({ signed_url: `wss://${url.host}${SIGNED_PATH}?${query}` });
}

/**
 * What the emulated worker makes of a session's signed URL when it starts (`at`): the stand-in agent it
 * names, or why it cannot talk to it. Only the stand-in's own URLs work offline.
 */
export function checkSignedUrl(
  ctx: EmulatorContext,
  signedUrl: string,
  at: number,
): { agentId: string } | { problem: string; foreign: boolean } {
  const url = new URL(signedUrl);
  const agentId = url.searchParams.get('agent_id') ?? '';
  const [expires, nonce = '', given = ''] = (url.searchParams.get('conversation_signature') ?? '').split('.');
  const expected = signature(ctx, agentId, Number(expires), nonce);
  const signed =
    url.pathname === SIGNED_PATH && given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
  if (!signed) return { problem: 'The signed URL was not issued by the ElevenLabs stand-in.', foreign: true };
  if (at >= Number(expires)) return { problem: 'The ElevenLabs signed URL had expired.', foreign: false };
  return { agentId };
}
