import 'server-only';
import { AppError } from '@/lib/errors';
import { TICKET_HEADER } from '@/lib/call/session-ticket-header';
import { sign, verify } from '@/lib/server/auth/signing';
import { getEnv } from '@/lib/server/env';

/**
 * Proof that a follow-up request (status, consume, cancel) comes from the client that created the session.
 * Returned by the create route, sent back in the `X-Session-Ticket` header. It also carries this server's
 * creation time and the concurrency slot the session holds, so any instance can resume the schedule and
 * free the slot.
 */

export interface SessionTicket {
  sid: string;
  /** The avatar it was created for: consume starts that avatar's backend tools. */
  avatarId: string;
  /** Epoch ms, on the server that created the session. */
  createdAt: number;
  slot: string;
}

export function issueTicket(ticket: SessionTicket) {
  return sign('session-ticket', ticket);
}

/** A ticket lives as long as its session can: the READY deadline plus the longest call, plus slack. */
function ticketLifetimeMs() {
  const env = getEnv();
  return (env.SESSION_READY_TIMEOUT_SECONDS + env.SESSION_MAX_DURATION_SECONDS + 60) * 1000;
}

export function readTicket(request: Request, sessionId: string): SessionTicket {
  const ticket = verify<SessionTicket>('session-ticket', request.headers.get(TICKET_HEADER));
  if (!ticket || ticket.sid !== sessionId) {
    throw new AppError('forbidden', 'This session belongs to another visitor, or its ticket is missing.');
  }
  if (!(Date.now() - ticket.createdAt < ticketLifetimeMs())) throw new AppError('forbidden', 'This session’s ticket has expired.');
  return ticket;
}
