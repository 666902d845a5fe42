import 'server-only';
import { getEnv } from '@/lib/server/env';
import { hasEnded, retrieveRealtimeSession } from '@/lib/server/runway/realtime-sessions';
import type { SessionTicket } from '@/lib/server/security/session-tickets';
import { serveBackendTools } from '@/lib/server/tools/backend-session';
import { endingOf, settleSession } from './reclaim';

/**
 * The work that outlives a consume response for the call's length: the avatar's backend tools, served from
 * this process through @livekit/rtc-node (a native binary), then the session settled as soon as the call
 * ends rather than when a page next asks. Only the routes that consume import this module, so only their
 * functions carry that binary. Routes hand it to `after()`; it never rejects.
 */
export async function serveCall(ticket: SessionTicket) {
  await serveBackendTools(ticket.sid, ticket.avatarId, getEnv().SESSION_MAX_DURATION_SECONDS);
  const session = await retrieveRealtimeSession(ticket.sid).catch(() => undefined);
  if (session && hasEnded(session.phase)) await settleSession(ticket.sid, ticket.slot, endingOf(session));
}
