import type { UsageReport } from '@/lib/usage/types';

/** Every day's numbers: the chart's text equivalent. */
export function UsageTable({ days }: { days: UsageReport['days'] }) {
  return (
    <details className="panel">
      <summary>Show the data as a table</summary>
      <div className="table-wrap">
        <table className="data-table">
          <caption className="sr-only">Minutes and sessions per day (UTC)</caption>
          <thead>
            <tr>
              <th scope="col">Day (UTC)</th>
              <th scope="col">Minutes</th>
              <th scope="col">Sessions</th>
            </tr>
          </thead>
          <tbody>
            {days.map((day) => (
              <tr key={day.date}>
                <th scope="row">{day.date}</th>
                <td>{(day.seconds / 60).toFixed(2)}</td>
                <td>{day.sessions}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
