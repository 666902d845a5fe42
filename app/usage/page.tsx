import type { Metadata } from 'next';
import Link from 'next/link';
import { UsageChart } from '@/components/usage/usage-chart';
import { UsageTable } from '@/components/usage/usage-table';
import { AppError } from '@/lib/errors';
import { formatDuration, formatMinutes, formatUsd } from '@/lib/format';
import { addDays, todayUtc } from '@/lib/schemas/dates';
import { MAX_USAGE_DAYS, usageRangeSchema } from '@/lib/usage/usage-schema';
import { getEnv } from '@/lib/server/env';
import { getUsage, USD_PER_MINUTE } from '@/lib/server/runway/usage';
import '@/components/history/history.css';
import { requireAdminPage } from '@/lib/server/auth/admin';

export const metadata: Metadata = { title: 'Usage' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

function lastDays(days: number) {
  const to = todayUtc();
  return { from: addDays(to, -(days - 1)), to };
}

export default async function UsagePage({ searchParams }: Props) {
  await requireAdminPage('/usage');
  const raw = await searchParams;
  const asked = { from: first(raw.from), to: first(raw.to) };
  const parsed = asked.from || asked.to ? usageRangeSchema.safeParse(asked) : undefined;
  const range = parsed?.success ? parsed.data : lastDays(30);
  const rangeError =
    parsed && !parsed.success ? `${parsed.error.issues[0]?.message ?? 'Invalid range'}. Showing the last 30 days.` : undefined;
  const env = getEnv();
  let report;
  try {
    report = await getUsage(range);
  } catch (error) {
    report = { error: error instanceof AppError ? error.message : 'Usage could not be loaded.' };
  }

  return (
    <>
      <header className="page-header">
        <h1>Usage</h1>
        <nav className="row-actions" aria-label="Quick ranges">
          {[7, 30, 90].map((days) => (
            <Link key={days} href={`/usage?${new URLSearchParams(lastDays(days))}`}>
              Last {days} days
            </Link>
          ))}
        </nav>
      </header>
      <form className="filters" method="get" action="/usage" aria-label="Date range">
        <label className="field">
          From (UTC)
          <input type="date" name="from" defaultValue={range.from} required />
        </label>
        <label className="field">
          To (UTC)
          <input type="date" name="to" defaultValue={range.to} required />
        </label>
        <div className="filters__actions">
          <button type="submit" className="button button--primary">
            Show usage
          </button>
        </div>
        <p className="muted filters__error">At most {MAX_USAGE_DAYS} days; both days included.</p>
        {rangeError && (
          <p className="field__error filters__error" role="alert">
            {rangeError}
          </p>
        )}
      </form>

      {'error' in report ? (
        <p className="notice notice--error" role="alert">
          {report.error}
        </p>
      ) : (
        <>
          <section className="panel" aria-labelledby="totals-heading">
            <h2 id="totals-heading">
              {report.from} to {report.to}
            </h2>
            <dl className="facts">
              <div>
                <dt>Minutes</dt>
                <dd>{formatMinutes(report.totalSeconds)}</dd>
              </div>
              <div>
                <dt>Sessions</dt>
                <dd>{report.totalSessions}</dd>
              </div>
              <div>
                <dt>Average duration</dt>
                <dd>{formatDuration(report.avgDurationSeconds)}</dd>
              </div>
              <div>
                <dt>Estimated cost</dt>
                <dd>{formatUsd(report.estimatedCostUsd)}</dd>
              </div>
            </dl>
            <p className="muted">
              Cost is estimated at ${USD_PER_MINUTE.toFixed(2)} per minute (2 credits per 6 s); Runway’s invoice is the authority. Sessions
              include unfinished and failed ones; minutes count only calls with a measured duration.
            </p>
          </section>
          <UsageChart
            days={report.days}
            summary={`${report.days.length} days from ${report.from} to ${report.to}: ${formatMinutes(report.totalSeconds)} over ${report.totalSessions} sessions. The table below lists each day.`}
          />
          <UsageTable days={report.days} />
        </>
      )}

      <section className="panel" aria-labelledby="limits-heading">
        <h2 id="limits-heading">Configured limits</h2>
        <dl className="facts">
          <div>
            <dt>Daily minute budget</dt>
            <dd>
              {env.DAILY_SESSION_MINUTES} min (≈ {formatUsd(env.DAILY_SESSION_MINUTES * USD_PER_MINUTE)})
            </dd>
          </div>
          <div>
            <dt>Concurrent sessions</dt>
            <dd>{env.MAX_CONCURRENT_SESSIONS}</dd>
          </div>
          <div>
            <dt>Longest call</dt>
            <dd>{formatDuration(env.SESSION_MAX_DURATION_SECONDS)}</dd>
          </div>
          <div>
            <dt>New sessions per client</dt>
            <dd>{env.RATE_LIMIT_SESSIONS_PER_MINUTE} / min</dd>
          </div>
        </dl>
        <p className="muted">
          Set by <code>DAILY_SESSION_MINUTES</code>, <code>MAX_CONCURRENT_SESSIONS</code>, <code>SESSION_MAX_DURATION_SECONDS</code> and{' '}
          <code>RATE_LIMIT_SESSIONS_PER_MINUTE</code>. The daily budget reserves each session’s full length while the call may run; when it
          ends, the minutes it did not use come back (a call is charged the minutes it ran, rounded up; a session that never ran, nothing).
          Sessions left unjoined are cancelled {env.SESSION_CONSUME_WINDOW_SECONDS} s after they are ready, and give back their minutes.
        </p>
      </section>
    </>
  );
}
