import { z } from 'zod';
import type { EmulatorContext } from './context';
import { validate } from './http';
import { sessionStatus } from './sessions';
import type { SessionRecord } from './store';

/**
 * GET /v1/avatar_usage (SDK `avatars.getUsage`), aggregated from the sessions the emulator ran. Deleted
 * conversations still count: the minutes were spent. Sessions count on the UTC day they were created;
 * seconds count only for conversations with a measured duration (ended after the call started).
 */

const DAY_MS = 86_400_000;
const MAX_RANGE_DAYS = 90;

const isoDate = z.iso.datetime({ offset: true, error: 'Must be an ISO 8601 timestamp' });

const usageQuery = z
  .strictObject({ startDate: isoDate, endDate: isoDate })
  .refine(({ startDate, endDate }) => Date.parse(startDate) < Date.parse(endDate), { message: 'startDate must be before endDate' })
  .refine(({ startDate, endDate }) => Date.parse(endDate) - Date.parse(startDate) <= MAX_RANGE_DAYS * DAY_MS, {
    message: `The date range must be at most ${MAX_RANGE_DAYS} days`,
  });

/** Seconds of a conversation that has a measured duration, else null (still running, never started, failed). */
function measuredSeconds(session: SessionRecord, now: number) {
  const status = sessionStatus(session, now);
  if (status.status === 'COMPLETED') return status.duration;
  if (status.status === 'CANCELLED' && session.joinedAt !== undefined) return Math.round((session.cancelledAt! - session.joinedAt) / 1000);
  return null;
}

export function getUsage(ctx: EmulatorContext, url: URL) {
  const query = validate(usageQuery, Object.fromEntries(url.searchParams), 'query');
  const start = Date.parse(query.startDate);
  const end = Date.parse(query.endDate);
  const now = ctx.now();
  const days = new Map<string, { date: string; seconds: number; sessions: number }>();
  for (let day = Math.floor(start / DAY_MS) * DAY_MS; day < end; day += DAY_MS) {
    const date = new Date(day).toISOString().slice(0, 10);
    days.set(date, { date, seconds: 0, sessions: 0 });
  }
  let totalSeconds = 0;
  let totalSessions = 0;
  let measured = 0;
  for (const session of ctx.state.sessions.values()) {
    if (session.createdAt < start || session.createdAt >= end) continue;
    const day = days.get(new Date(session.createdAt).toISOString().slice(0, 10))!;
    const seconds = measuredSeconds(session, now);
    totalSessions += 1;
    day.sessions += 1;
    if (seconds === null) continue;
    measured += 1;
    totalSeconds += seconds;
    day.seconds += seconds;
  }
  return Response.json({
    totalSeconds,
    totalSessions,
    // An integer, as Runway reports it.
    avgDurationSeconds: measured ? Math.round(totalSeconds / measured) : 0,
    byDay: [...days.values()],
  });
}
