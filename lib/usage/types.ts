/** App-shaped usage (the /usage page); Runway's wire stays in lib/server/runway/. */

export interface UsageReport {
  from: string;
  to: string;
  totalSeconds: number;
  totalSessions: number;
  avgDurationSeconds: number;
  /** At $0.20 per minute (2 credits per 6 s). */
  estimatedCostUsd: number;
  days: Array<{ date: string; seconds: number; sessions: number }>;
}
