/**
 * A preload for benchmarked servers (`node --import ./scripts/bench-event-loop.mjs …/next start`): measures the
 * process's event-loop delay and utilization from outside the app's code, and reports them on a loopback port
 * of its own (BENCH_EVENT_LOOP_PORT), never on the app's. Only scripts/ uses it; nothing ships it.
 *
 *   GET    http://127.0.0.1:<port>/   {windowMs, delay: {p50, p99, max, mean, samples} (ms), utilization (0–1)}
 *   DELETE http://127.0.0.1:<port>/   starts a new measurement window
 */
import { createServer } from 'node:http';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

// Node's default 10 ms sampling is too coarse to see a 50 ms p99 clearly.
const RESOLUTION_MS = 5;
const port = Number(process.env.BENCH_EVENT_LOOP_PORT);
if (!Number.isInteger(port) || port <= 0 || port > 65_535) {
  throw new Error(`bench-event-loop.mjs needs BENCH_EVENT_LOOP_PORT (a port), not ${process.env.BENCH_EVENT_LOOP_PORT}`);
}

const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
histogram.enable();
let since = Date.now();
let utilization = performance.eventLoopUtilization();

/** The histogram holds whole timer intervals (resolution + delay); report the delay alone, in ms. */
const delayMs = (nanoseconds) => Math.max(0, Math.round((nanoseconds / 1e6 - RESOLUTION_MS) * 10) / 10);

function report() {
  return {
    windowMs: Date.now() - since,
    delay: {
      p50: delayMs(histogram.percentile(50)),
      p99: delayMs(histogram.percentile(99)),
      max: delayMs(histogram.max),
      mean: delayMs(histogram.mean),
      samples: histogram.count,
    },
    utilization: Math.round(performance.eventLoopUtilization(utilization).utilization * 1000) / 1000,
  };
}

const server = createServer((request, response) => {
  if (request.method === 'DELETE') {
    histogram.reset();
    since = Date.now();
    utilization = performance.eventLoopUtilization();
    return void response.writeHead(204).end();
  }
  response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(report()));
});
server.listen(port, '127.0.0.1');
// The app decides when the process ends, not this reporter.
server.unref();
