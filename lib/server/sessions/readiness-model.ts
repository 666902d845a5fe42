import 'server-only';

/**
 * Decides when to ask Runway whether a session is READY.
 *
 * Polling every second wastes half a second on average; polling every 50 ms hammers the API. This model
 * remembers when recent sessions became READY (ms after their `createdAt`) and places a fixed number of
 * checks at the quantiles of that history: dense exactly where READY is likely, absent elsewhere. A session
 * slower than anything seen falls back to a gentle backoff, and what it took is learned.
 *
 * A check only tells us READY happened between the previous check and this one, so each observation is an
 * interval, treated as uniformly likely over its span. Until a few sessions have been seen, a prior matching
 * Runway's reported 1.5–2.5 s (widened) stands in.
 */

type Interval = readonly [from: number, to: number];

const DEFAULTS = {
  prior: [[1000, 3000]] as Interval[],
  /** Observations kept: enough to be stable, few enough to follow a change in Runway's speed. */
  window: 32,
  /** After this many observations the prior is dropped. */
  trustAfter: 4,
  /** Checks placed across the learned range; about half of them are made per session. */
  checks: 12,
  minGapMs: 80,
  backoffMs: [150, 300, 600, 1000],
};

export class ReadinessModel {
  private readonly observed: Interval[] = [];
  private readonly options: typeof DEFAULTS;
  /** The plan only changes when an observation arrives; every status check of every session reads it. */
  private cachedPlan: readonly number[] | undefined;

  constructor(options: Partial<typeof DEFAULTS> = {}) {
    this.options = { ...DEFAULTS, ...options };
  }

  get minGapMs() {
    return this.options.minGapMs;
  }

  /** The session was still pending at `notReadyAt` and READY at `readyAt` (ms since creation). */
  record(notReadyAt: number, readyAt: number) {
    this.observed.push([Math.min(notReadyAt, readyAt), readyAt]);
    if (this.observed.length > this.options.window) this.observed.shift();
    this.cachedPlan = undefined;
  }

  /**
   * READY at a session's very first check says only that it came before that check. Assume it came within
   * one planned gap: if sessions keep being READY at the first check, the plan moves earlier each time.
   */
  recordFirstCheck(readyAt: number) {
    const [first = 0, second = first + this.options.minGapMs] = this.plan();
    this.record(readyAt - (second - first), readyAt);
  }

  private intervals(): Interval[] {
    const { prior, trustAfter } = this.options;
    return this.observed.length >= trustAfter ? this.observed : [...prior, ...this.observed];
  }

  /** The time by which a fraction `p` of sessions were READY. */
  quantile(p: number): number {
    const intervals = this.intervals();
    const share = (t: number) =>
      intervals.reduce((sum, [from, to]) => sum + (t >= to ? 1 : t <= from ? 0 : (t - from) / (to - from)), 0) /
      intervals.length;
    let low = Math.min(...intervals.map(([from]) => from));
    let high = Math.max(...intervals.map(([, to]) => to));
    for (let step = 0; step < 40 && high - low > 1; step += 1) {
      const middle = (low + high) / 2;
      if (share(middle) < p) low = middle;
      else high = middle;
    }
    return high;
  }

  /** Offsets (ms since creation) of the planned checks, at evenly spaced quantiles, never closer than minGapMs. */
  plan(): readonly number[] {
    return (this.cachedPlan ??= this.computePlan());
  }

  private computePlan(): number[] {
    const { checks, minGapMs } = this.options;
    const offsets: number[] = [];
    for (let i = 1; i <= checks; i += 1) {
      const previous = offsets.at(-1) ?? -Infinity;
      offsets.push(Math.max(Math.round(this.quantile(i / checks)), previous + minGapMs));
    }
    return offsets;
  }

  /** The first planned check at or after `notBefore` (ms since creation); past the plan, a gentle backoff. */
  nextCheckAt(notBefore: number): number {
    const offsets = this.plan();
    const planned = offsets.find((offset) => offset >= notBefore);
    if (planned !== undefined) return planned;
    const { backoffMs } = this.options;
    let at = offsets.at(-1) ?? 0;
    for (let step = 0; at < notBefore; step += 1) at += backoffMs[Math.min(step, backoffMs.length - 1)] ?? 1000;
    return at;
  }
}
