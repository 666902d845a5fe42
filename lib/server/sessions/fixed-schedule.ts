import 'server-only';
import type { PollSchedule } from './readiness-model';

/**
 * SESSION_POLL_SCHEDULE=fixed-1s: check at once, then 1 s after each answer, learning nothing. The simple
 * loop most clients write; kept as a fallback and as the baseline `npm run bench:load` compares against.
 */
export const FIXED_ONE_SECOND: PollSchedule = {
  nextCheckAt: ({ pendingAt, receivedAt }) => (pendingAt === undefined ? 0 : receivedAt + 1000),
  pending: () => undefined,
  record: () => undefined,
  settle: () => undefined,
};
