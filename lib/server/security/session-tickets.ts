import 'server-only';
import { AppError } from '@/lib/errors';
import { TICKET_HEADER } from '@/lib/call/session-ticket-header';
import { signToken, verifyToken } from '@/lib/server/auth/tokens';
import { getEnv } from '@/lib/server/env';

/**
 * Proof that a follow-up request (status, consume, cancel) comes from the client that created the session.
 * Returned by the create route, sent back in the `X-Session-Ticket` header. It also carries this server's
 * creation time and the concurrency slot the session holds, so any instance can resume the schedule and
 * free the slot. It expires when the session no longer can run.
 */

export interface SessionTicket {
  sid: string;
  /** The avatar it was created for: consume starts that avatar's backend tools. */
  avatarId: string;
  /** Epoch ms, on the server that created the session. */
  createdAt: number;
  slot: string;
}

/** A ticket lives as long as its session can: the READY deadline plus the longest call, plus slack. */
function ticketLifetimeSeconds() {
  const env = getEnv();
  return env.SESSION_READY_TIMEOUT_SECONDS + env.SESSION_MAX_DURATION_SECONDS + 60;
}

export function issueTicket(ticket: SessionTicket) {
  const { sid, avatarId, createdAt, slot } = ticket;
  const remaining = ticketLifetimeSeconds() - Math.floor((Date.now() - createdAt) / 1000);
  return signToken('session-ticket', { sid, avatarId, createdAt, slot }, remaining);
}

export async function readTicket(request: Request, sessionId: string): Promise<SessionTicket> {
  const claims = await verifyToken<SessionTicket>('session-ticket', request.headers.get(TICKET_HEADER));
  if (!claims || claims.sid !== sessionId) {
    throw new AppError('forbidden', 'This session belongs to another visitor, its ticket is missing, or it has expired.');
  }
  const { sid, avatarId, createdAt, slot } = claims;
  return { sid, avatarId, createdAt, slot };
}
