import 'server-only';
import { monitorEventLoopDelay, performance, type EventLoopUtilization, type IntervalHistogram } from 'node:perf_hooks';
import { processState } from '@/lib/server/process-state';

/**
 * The server process's event-loop delay, for `npm run bench:load` (BENCH_METRICS=1). One monitor per
 * process (processState), started on the first request to the metrics route; a DELETE starts a new window.
 */

interface Monitor {
  histogram: IntervalHistogram;
  since: number;
  utilization: EventLoopUtilization;
}

// 10 ms sampling resolution is Node's default, which is too coarse to see a 50 ms p99 clearly.
const RESOLUTION_MS = 5;

const monitor = () =>
  processState<Monitor>('event-loop-monitor', () => {
    const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
    histogram.enable();
    return { histogram, since: Date.now(), utilization: performance.eventLoopUtilization() };
  });

/** The histogram holds whole timer intervals (resolution + delay); report the delay alone, in ms. */
const delayMs = (nanoseconds: number) => Math.max(0, Math.round((nanoseconds / 1e6 - RESOLUTION_MS) * 10) / 10);

export interface EventLoopReport {
  windowMs: number;
  /** Delay beyond the sampling interval, in ms. */
  delay: { p50: number; p99: number; max: number; mean: number; samples: number };
  /** Share of the window the loop was busy, 0–1. */
  utilization: number;
}

export function eventLoopReport(): EventLoopReport {
  const { histogram, since, utilization } = monitor();
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

export function resetEventLoopWindow() {
  const state = monitor();
  state.histogram.reset();
  state.since = Date.now();
  state.utilization = performance.eventLoopUtilization();
}
