import 'server-only';
import type { UsageReport } from '@/lib/usage/types';
import { addDays } from '@/lib/schemas/dates';
import type { UsageRange } from '@/lib/usage/usage-schema';
import { verifyAdmin } from '@/lib/server/auth/admin';
import { getRunway } from './client';
import { toAppError } from './errors';

/** Runway bills realtime avatars at $0.20 per minute: 2 credits per 6 s, 1 credit = $0.01. */
export const USD_PER_MINUTE = 0.2;

/** Usage over whole UTC days, `to` included (GET /v1/avatar_usage, at most 90 days). */
export async function getUsage({ from, to }: UsageRange): Promise<UsageReport> {
  await verifyAdmin();
  try {
    const usage = await getRunway().avatars.getUsage({ startDate: `${from}T00:00:00.000Z`, endDate: `${addDays(to, 1)}T00:00:00.000Z` });
    return {
      from,
      to,
      totalSeconds: usage.totalSeconds,
      totalSessions: usage.totalSessions,
      avgDurationSeconds: usage.avgDurationSeconds,
      estimatedCostUsd: Math.round((usage.totalSeconds / 60) * USD_PER_MINUTE * 100) / 100,
      days: usage.byDay.map(({ date, seconds, sessions }) => ({ date, seconds, sessions })),
    };
  } catch (error) {
    throw toAppError(error, 'Usage');
  }
}
