import 'server-only';

/**
 * Decides when to ask Runway whether a session is READY.
 *
 * Polling every second wastes half a second on average; polling every 50 ms hammers the API. This model
 * remembers how long recent sessions took to become READY (measured from the session's `createdAt`) and
 * places a fixed number of checks at the quantiles of that history, so checks are dense exactly where READY
 * is likely and sparse elsewhere. Sessions slower than anything seen fall back to a gentle backoff, and
 * their time is learned. It starts from a prior matching Runway's reported 1.5–2.5 s.
 */
export class ReadinessModel {
  private readonly samples: number[];

  constructor(
    prior: number[] = [1200, 1500, 1700, 1900, 2100, 2300, 2500, 2800],
    private readonly options = { window: 32, checks: 8, minGapMs: 80, backoffMs: [150, 300, 600, 1000] },
  ) {
    this.samples = [...prior];
  }

  /** READY was seen at `seenAt` after a check at `previousAt` still said NOT_READY (both ms since creation). */
  record(previousAt: number, seenAt: number) {
    this.samples.push((previousAt + seenAt) / 2);
    if (this.samples.length > this.options.window) this.samples.shift();
  }

  /** Offsets (ms since creation) of the planned checks, densest where READY is most likely. */
  plan(): number[] {
    const sorted = [...this.samples].sort((a, b) => a - b);
    const { checks, minGapMs } = this.options;
    const offsets: number[] = [];
    for (let i = 1; i <= checks; i += 1) {
      const at = sorted[Math.min(sorted.length - 1, Math.ceil((i / checks) * sorted.length) - 1)] ?? 0;
      const last = offsets.at(-1);
      if (last === undefined || at - last >= minGapMs) offsets.push(Math.round(at));
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

  get minGapMs() {
    return this.options.minGapMs;
  }
}
