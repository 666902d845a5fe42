import 'server-only';
import { AppError } from '@/lib/errors';
import { getEnv } from '@/lib/server/env';
import { processState } from '@/lib/server/process-state';
import { cancelRealtimeSession, hasEnded, retrieveRealtimeSession, type RemoteSession } from '@/lib/server/runway/realtime-sessions';
import { releaseSlot } from '@/lib/server/security/limits';
import { forget } from './check-schedule';
import { claimDue, markEnded, markReady, nextDueAt, type Claim } from './registry';

/**
 * Where a session's costs are settled: its concurrency slot freed and the minutes it did not use given back,
 * whoever sees it end (settleSession); and where the server takes back the sessions nobody will consume
 * (reconcileSessions), at every admission, so that no timer has to outlive a request; and, on a server that
 * lives between requests, also when the next session is due (reconcileWhenDue).
 */

/** How a session ended, as far as its cost goes: it never ran, or it ran (for as long as Runway says, if it said). */
export type Ending = { ran: false } | { ran: true; durationSeconds?: number };

/** Best effort, for clean-up paths: the original error matters more than a failed clean-up. */
export async function quietly(what: string, sessionId: string, work: Promise<unknown>) {
  await work.catch((error: unknown) => {
    console.warn(`[sessions] could not ${what} ${sessionId}: ${error instanceof Error ? error.message : 'unknown error'}`);
  });
}

/** The cost of a session that has ended, from what Runway reported about it. */
export function endingOf(session: RemoteSession): Ending {
  if (session.phase === 'completed') return { ran: true, durationSeconds: session.durationSeconds };
  return { ran: session.phase === 'running' };
}

/**
 * The one place a session's slot is freed and its unused minutes come back. A call is charged Runway's
 * duration when it reported one, else the time since the server consumed it (when it knows), else its whole
 * reservation; at least its first minute, as Runway bills from the hand-over. A session that never ran is
 * charged nothing. The slot store frees a slot once, so a second call for the same session changes nothing.
 */
export async function settleSession(sid: string, slot: string, ending: Ending) {
  const known = await markEnded(sid).catch(() => undefined);
  let usedSeconds: number | undefined = 0;
  if (ending.ran) {
    const ranFor = ending.durationSeconds ?? (known?.consumedAt === undefined ? undefined : (Date.now() - known.consumedAt) / 1000);
    usedSeconds = ranFor === undefined ? undefined : Math.max(1, ranFor);
  }
  await quietly('release the slot of', sid, releaseSlot(slot, { usedSeconds }));
}

/** Cancels at Runway a session nobody will consume; whatever Runway answers, its slot and minutes come back. */
async function reclaim({ sid, entry }: Claim) {
  forget(sid);
  try {
    const outcome = await cancelRealtimeSession(sid);
    if (outcome === 'still-live') console.warn(`[sessions] Runway would not cancel abandoned session ${sid}; its slot is freed anyway`);
  } catch (error) {
    // Already ended (a conflict) is what we wanted; anything else is logged, and the slot is freed all the same.
    if (!(error instanceof AppError && error.code === 'conflict')) await quietly('cancel', sid, Promise.reject(error));
  }
  // Never consumed, so it never ran: nothing to charge, and the registry refuses its consume from now on.
  await settleSession(sid, entry.slot, { ran: false });
}

/** Asks Runway where a claimed session stands: READY starts its window, an end settles it. */
async function look({ sid, entry }: Claim) {
  const session = await retrieveRealtimeSession(sid);
  if (session.phase === 'ready') await markReady(sid);
  else if (hasEnded(session.phase)) await settleSession(sid, entry.slot, endingOf(session));
}

/**
 * Takes back what is due: sessions not consumed within SESSION_CONSUME_WINDOW_SECONDS of READY or not READY
 * by SESSION_READY_TIMEOUT_SECONDS are cancelled and their slots and minutes returned; an unwatched session is
 * looked at once to see whether it is READY; a call past its longest length is looked up to charge what it
 * used. Each due session is claimed by one caller only, across instances. Never throws.
 */
export async function reconcileSessions() {
  let claims: Claim[];
  try {
    claims = await claimDue();
  } catch (error) {
    await quietly('reconcile', 'sessions', Promise.reject(error));
    return;
  }
  await Promise.all(claims.map((claim) => quietly('reconcile', claim.sid, claim.action === 'reclaim' ? reclaim(claim) : look(claim))));
}

const timer = processState('reclaim-timer', () => ({ handle: undefined as NodeJS.Timeout | undefined, at: Infinity }));

/**
 * On a server that lives between requests (not serverless: there a timer would outlive its request), arms one
 * process-wide timer for when the next session in flight is due, so an abandoned session is cancelled at
 * Runway even when no visitor comes after it. The create route runs this after its response. Never throws.
 */
export async function reconcileWhenDue() {
  if (getEnv().SERVERLESS) return;
  const at = await nextDueAt().catch(() => undefined);
  if (at === undefined || at >= timer.at) return;
  clearTimeout(timer.handle);
  timer.at = at;
  timer.handle = setTimeout(
    () => {
      Object.assign(timer, { handle: undefined, at: Infinity });
      void reconcileSessions().then(reconcileWhenDue);
    },
    // At most once a second, whatever is due.
    Math.max(1000, at - Date.now()),
  );
  // The timer alone never keeps the process alive.
  timer.handle.unref();
}
