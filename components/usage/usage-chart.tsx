import type { UsageReport } from '@/lib/usage/types';

/**
 * Minutes (bars, left axis) and sessions (line, right axis) per UTC day, as server-rendered SVG: no chart
 * library and no client JavaScript. Screen readers get the title and a one-line summary; the table next to
 * it (UsageTable) carries every number.
 */

const WIDTH = 720;
const HEIGHT = 300;
const PAD = { top: 24, right: 52, bottom: 48, left: 56 };
const PLOT_W = WIDTH - PAD.left - PAD.right;
const PLOT_H = HEIGHT - PAD.top - PAD.bottom;
const TICKS = 4;

/** The smallest 1, 2 or 5 × 10ⁿ at or above `value`, so the ticks are round numbers. */
export function niceCeiling(value: number) {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((step) => step * magnitude).find((candidate) => candidate >= value)!;
}

const label = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(1));

export function UsageChart({ days, summary }: { days: UsageReport['days']; summary: string }) {
  const minutes = days.map((day) => day.seconds / 60);
  const maxMinutes = niceCeiling(Math.max(...minutes, 0));
  const maxSessions = niceCeiling(Math.max(...days.map((day) => day.sessions), 0));
  const slot = PLOT_W / Math.max(days.length, 1);
  const x = (index: number) => PAD.left + slot * index + slot / 2;
  const yMinutes = (value: number) => PAD.top + PLOT_H - (value / maxMinutes) * PLOT_H;
  const ySessions = (value: number) => PAD.top + PLOT_H - (value / maxSessions) * PLOT_H;
  const every = Math.ceil(days.length / 10);
  const ticks = Array.from({ length: TICKS + 1 }, (_, i) => i / TICKS);
  const line = days.map((day, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${ySessions(day.sessions).toFixed(1)}`).join(' ');

  return (
    <figure className="panel">
      <svg className="chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="usage-chart-title usage-chart-desc">
        <title id="usage-chart-title">Minutes and sessions per day</title>
        <desc id="usage-chart-desc">{summary}</desc>
        {ticks.map((fraction) => {
          const y = PAD.top + PLOT_H - fraction * PLOT_H;
          return (
            <g key={fraction}>
              <line className="chart__grid" x1={PAD.left} x2={WIDTH - PAD.right} y1={y} y2={y} />
              <text x={PAD.left - 8} y={y + 4} textAnchor="end">
                {label(fraction * maxMinutes)}
              </text>
              <text x={WIDTH - PAD.right + 8} y={y + 4}>
                {label(fraction * maxSessions)}
              </text>
            </g>
          );
        })}
        {days.map((day, i) => {
          const height = PAD.top + PLOT_H - yMinutes(minutes[i]!);
          return (
            <rect
              key={day.date}
              className="chart__bar"
              x={x(i) - slot * 0.35}
              width={slot * 0.7}
              y={yMinutes(minutes[i]!)}
              height={height}
            />
          );
        })}
        <path className="chart__line" d={line} />
        {days.map((day, i) => (
          <circle key={day.date} className="chart__dot" cx={x(i)} cy={ySessions(day.sessions)} r={days.length > 45 ? 1.5 : 3} />
        ))}
        {days.map((day, i) =>
          i % every === 0 ? (
            <text key={day.date} x={x(i)} y={PAD.top + PLOT_H + 16} textAnchor="middle">
              {day.date.slice(5)}
            </text>
          ) : null,
        )}
        <text className="chart__title" x={PAD.left + PLOT_W / 2} y={HEIGHT - 8} textAnchor="middle">
          Day (UTC)
        </text>
        <text className="chart__title" transform={`translate(14 ${PAD.top + PLOT_H / 2}) rotate(-90)`} textAnchor="middle">
          Minutes
        </text>
        <text className="chart__title" transform={`translate(${WIDTH - 10} ${PAD.top + PLOT_H / 2}) rotate(90)`} textAnchor="middle">
          Sessions
        </text>
      </svg>
      <ul className="legend" aria-hidden="true">
        <li>
          <span className="legend__swatch" style={{ background: 'var(--accent)' }} />
          Minutes (left axis)
        </li>
        <li>
          <span className="legend__swatch" style={{ background: 'var(--warning)' }} />
          Sessions (right axis)
        </li>
      </ul>
    </figure>
  );
}
