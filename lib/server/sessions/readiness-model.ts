import 'server-only';

/**
 * Decides when to ask Runway whether a session is READY.
 *
 * What it learns: the distribution of the time from create to READY. A status check only says that READY
 * happened after the last check that saw the session pending and no later than this one, so each session
 * is an interval (censored data, never a point), measured at the moments the checks were *sent*: a check
 * whose answer came back late (a busy server) still says what it says about when it was sent, so load
 * cannot teach the model that Runway is slow. Sessions still pending are intervals open to the right.
 * The distribution is Turnbull's estimate (the EM maximum-likelihood fit for interval-censored data): a
 * wide interval's weight goes where the narrow ones say READY happens, instead of being smeared evenly
 * over its span, so late checks do not drag the estimate later.
 *
 * Forgetting: older sessions weigh less (a half-life counted in sessions), and a run of sessions that
 * each lie beyond the learned range in the same direction (pending past its 90th percentile, or READY
 * before its 10th) is taken as Runway changing speed: everything before that run is dropped at once.
 * "Older" means created earlier, never finished earlier: sessions created together finish in the order of
 * their READY delays, so ranking them by finish would leave a burst's slowest sessions as the freshest and
 * teach the model that Runway is slow. For the same reason a run of early READYs only counts once no
 * session created after its first one is still in flight (a late run needs no wait: the slow ones are in).
 *
 * Where to check: a dynamic programme over a 20 ms grid picks, for every moment a session can have last
 * been seen pending, the next check that minimises the expected overhead (READY → next check) plus a
 * price per check. The price is set so that a session makes, on average, at most `pollBudget` times
 * the checks a fixed 1 s loop would make on the same distribution. No gap is ever longer than 1 s, so
 * past everything learned it is never worse than that loop. Sessions created together are spread by a
 * per-session jitter that grows with the number in flight.
 *
 * Until a few sessions have been seen, a prior matching Runway's reported 1.5–2.5 s (widened) stands in.
 */

type Interval = readonly [from: number, to: number];

/** A READY seen between `from` and `to`, for a session created at `bornAt` (epoch ms). */
interface Observation {
  from: number;
  to: number;
  bornAt: number;
}

/** Where a session's polling stands when its next check is planned (all ms since its create's answer arrived). */
export interface CheckTiming {
  /** When the last check that saw it pending was sent; undefined before the first check. */
  pendingAt?: number;
  /** When that check's answer arrived. */
  receivedAt: number;
  /** This session's jitter, uniform in [-0.5, 0.5). */
  jitter: number;
  /** Whether a check was already spent at creation (the progress report answers at once). */
  probed: boolean;
  /**
   * The plan this session follows, which the schedule keeps here at its first check: a session that
   * switched plans midway (every observation replans) would make more checks than either plan.
   */
  plan?: CheckPlan;
}

/** One plan's next check for every grid state; opaque to callers. */
export interface CheckPlan {
  readonly next: Int32Array;
  readonly polls: number;
  /** The price per check (ms of expected waiting) that fitted the poll budget. */
  readonly price: number;
}

/** How the lifecycle's polling loop asks when to check and reports what it saw. */
export interface PollSchedule {
  nextCheckAt(check: CheckTiming): number;
  /** The session (created at `bornAt`, epoch ms) was pending at a check sent `sentAt` ms after its create's answer. */
  pending(id: string, sentAt: number, bornAt?: number): void;
  /** The session was pending at `from` and READY at a check sent at `to` (ms since its create's answer). */
  record(from: number, to: number, id?: string, bornAt?: number): void;
  /** The session left provisioning without a READY to learn from (failed, cancelled, abandoned). */
  settle(id: string): void;
}

const DEFAULTS = {
  prior: [[1000, 3000]] as Interval[],
  /** After this many observations the prior is dropped. */
  trustAfter: 4,
  /** Sessions remembered; their weight halves every `halfLife` sessions. */
  window: 64,
  halfLife: 24,
  /** This many sessions in a row beyond the learned range in the same direction mean Runway changed. */
  shiftRun: 5,
  /** Average checks per session, as a multiple of what a fixed 1 s loop would make on the same timings. */
  pollBudget: 1.4,
  /** A check must save at least this much expected waiting per session, even within the budget. */
  minCheckValueMs: 8,
  /**
   * A check is priced as if at least this share of sessions were still pending: where the model says
   * almost none are, checks would be nearly free, and the few sessions really there (the model is wrong
   * about them) would be polled every 40 ms.
   */
  priceFloor: 0.1,
  gridMs: 20,
  minGapMs: 40,
  maxGapMs: 1000,
  /** The plan covers this long past the latest interval end; beyond it, checks are maxGapMs apart. */
  reachMs: 2000,
  maxHorizonMs: 20_000,
  /** Share of the estimate spread evenly over the plan's reach, in case Runway does what was never seen. */
  surprise: 0.02,
  /** The estimate is smoothed with a Gaussian of this σ (up to 4× while few sessions are known). */
  smoothingMs: 60,
  /**
   * ...and never less than this before checks are placed on it. Interval-censored data puts mass only where
   * checks happened, so a stretch the plan skipped would stay empty and keep being skipped; this much
   * smoothing fills it back in.
   */
  minSmoothingMs: 200,
  /** Under load the plan is recomputed at most this often (new observations wait for the next one). */
  replanMs: 500,
  /** Jitter span: this much per session in flight, up to maxJitterMs. */
  jitterPerSessionMs: 0.5,
  maxJitterMs: 60,
  /** Sessions in flight are forgotten after this long (a visitor who left without cancelling). */
  inFlightMaxAgeMs: 60_000,
  now: () => performance.now(),
};

export type ReadinessOptions = typeof DEFAULTS;

/** A probability mass per grid cell (cell k covers (k-1, k] × gridMs), plus what lies beyond the grid. */
interface Estimate {
  cells: Float64Array;
  beyond: number;
  /** Cells before this one hold only the surprise share: the first check may wait past them in one go. */
  quietUntil: number;
}

type Policy = CheckPlan;

interface Plan {
  estimate: Estimate;
  survival: Float64Array;
  seedPolls: number;
  /** By checks already spent at creation (0, or 1 for the progress report's first answer); made on demand. */
  policies: Policy[];
}

export class ReadinessModel implements PollSchedule {
  /** Sorted by creation, oldest first. */
  private observed: Observation[] = [];
  private readonly inFlight = new Map<string, { from: number; since: number; bornAt: number }>();
  private readonly options: ReadinessOptions;
  private cached: Plan | undefined;
  private dirty = true;
  private plannedAt = -Infinity;
  private sweptAt = -Infinity;
  /** The last prices that fitted the budget, by checks spent at creation: where the next search starts. */
  private prices: Array<number | undefined> = [];

  constructor(options: Partial<ReadinessOptions> = {}) {
    this.options = { ...DEFAULTS, ...options };
  }

  get minGapMs() {
    return this.options.minGapMs;
  }

  record(from: number, to: number, id?: string, bornAt = Date.now()) {
    if (id !== undefined) this.inFlight.delete(id);
    const observation = { from: Math.max(0, Math.min(from, to)), to: Math.max(to, 1), bornAt };
    let at = this.observed.length;
    while (at > 0 && this.observed[at - 1]!.bornAt > bornAt) at -= 1;
    this.observed.splice(at, 0, observation);
    if (this.isShiftRun()) this.observed = this.observed.slice(-this.options.shiftRun);
    if (this.observed.length > this.options.window) this.observed.shift();
    this.invalidate(true);
  }

  pending(id: string, sentAt: number, bornAt = Date.now()) {
    this.inFlight.delete(id);
    this.inFlight.set(id, { from: sentAt, since: this.options.now(), bornAt });
    this.invalidate(false);
  }

  settle(id: string) {
    if (this.inFlight.delete(id)) this.invalidate(false);
  }

  /** A finished session replans at once until the model trusts its data; the rest wait out replanMs. */
  private invalidate(finished: boolean) {
    this.dirty = true;
    if (finished && this.observed.length <= this.options.trustAfter) this.plannedAt = -Infinity;
  }

  /**
   * Whether the shiftRun latest-created sessions all lie beyond the range learned from those created before
   * them, on the same side. Later: pending past the 90th percentile. Earlier: READY before the 10th, or READY
   * at a first check (nothing seen pending before it), which is where a faster Runway shows first; but not
   * while a session created after the first of them is still in flight, for until it is in, the run may just
   * be the quickest of a batch.
   */
  private isShiftRun() {
    const { shiftRun, trustAfter, gridMs } = this.options;
    const run = this.observed.slice(-shiftRun);
    const before = this.observed.slice(0, -shiftRun);
    if (run.length < shiftRun || before.length < trustAfter) return false;
    const estimate = this.estimate(
      before.map(({ from, to }) => ({ from, to, weight: 1 })),
      [],
      false,
    );
    const [first, low, high] = [0.01, 0.1, 0.9].map((p) => quantileOf(estimate, p, gridMs)) as [number, number, number];
    if (run.every(({ from }) => from > high)) return true;
    const firstBorn = run[0]!.bornAt;
    for (const { bornAt } of this.inFlight.values()) if (bornAt > firstBorn) return false;
    return run.every(({ from, to }) => to < low || from < first);
  }

  private intervals(): Array<{ from: number; to: number; weight: number }> {
    const { prior, trustAfter, halfLife } = this.options;
    const count = this.observed.length;
    const weighted = this.observed.map(({ from, to }, index) => ({ from, to, weight: 0.5 ** ((count - 1 - index) / halfLife) }));
    // The prior stays in until trustAfter sessions have finished and no more are in flight than have finished,
    // weighing as much as the excess in flight: in a first burst the quickest finish first, and without it the
    // ones in flight would put their weight just past their last check, where the quickest were READY.
    const trusted = count >= trustAfter && this.inFlight.size <= count;
    if (trusted) return weighted;
    // Spread evenly over its range: as one wide interval, Turnbull's estimate would hand its weight to wherever
    // the first narrow intervals are.
    const priorWeight = Math.max(1, this.inFlight.size - count);
    const pieces = prior.flatMap(([from, to]) => {
      const parts = Math.max(1, Math.min(40, Math.round((to - from) / 100)));
      const step = (to - from) / parts;
      return Array.from({ length: parts }, (_, i) => ({ from: from + i * step, to: from + (i + 1) * step, weight: priorWeight / parts }));
    });
    return [...pieces, ...weighted];
  }

  /** `forPlanning`: the smoothing floor applies (the shift test wants the sharper quantiles). */
  private estimate(observed = this.intervals(), open = [...this.inFlight.values()].map(({ from }) => from), forPlanning = true): Estimate {
    const all = [...observed, ...open.map((from) => ({ from, to: Infinity, weight: 1 }))];
    // Few sessions say little about the shape: smooth more until about halfLife of them are known.
    const known = observed.reduce((sum, { weight }) => sum + weight, 0);
    const { smoothingMs, minSmoothingMs, halfLife } = this.options;
    const sigma = Math.max(forPlanning ? minSmoothingMs : 0, smoothingMs * Math.min(4, Math.sqrt(halfLife / Math.max(known, 1))));
    return toGrid(turnbull(all), sigma, this.options);
  }

  private plan(): Plan {
    const { now, replanMs, inFlightMaxAgeMs } = this.options;
    const at = now();
    if (at - this.sweptAt >= 1000) {
      this.sweptAt = at;
      for (const [id, { since }] of this.inFlight) if (at - since > inFlightMaxAgeMs && this.inFlight.delete(id)) this.dirty = true;
    }
    if (this.cached && (!this.dirty || at - this.plannedAt < replanMs)) return this.cached;
    const estimate = this.estimate();
    const survival = survivalOf(estimate);
    const seedPolls = seedLoopPolls(survival, this.options.gridMs);
    this.prices = this.cached?.policies.map((policy) => policy.price) ?? this.prices;
    this.cached = { estimate, survival, seedPolls, policies: [] };
    this.dirty = false;
    this.plannedAt = at;
    return this.cached;
  }

  private policy(spent: 0 | 1): Policy {
    const plan = this.plan();
    const budget = this.options.pollBudget * plan.seedPolls - spent;
    return (plan.policies[spent] ??= planChecks(plan.estimate, plan.survival, budget, this.options, this.prices[spent]));
  }

  nextCheckAt(check: CheckTiming): number {
    const { pendingAt, jitter, probed } = check;
    const { gridMs, minGapMs, maxGapMs, jitterPerSessionMs, maxJitterMs } = this.options;
    const from = pendingAt ?? 0;
    const state = Math.floor(from / gridMs);
    // A session keeps its plan until it outlives it (a slower Runway): then it takes the current one.
    if (!check.plan || state >= check.plan.next.length - 1) check.plan = this.policy(probed ? 1 : 0);
    const { next } = check.plan;
    const planned = state < next.length - 1 ? next[state]! * gridMs : from + maxGapMs;
    const span = Math.min(maxJitterMs, jitterPerSessionMs * this.inFlight.size);
    return Math.max(Math.round(planned + jitter * span), pendingAt === undefined ? 0 : from + minGapMs);
  }

  /** The checks a session makes until READY if nothing was checked at creation and it is never late. */
  checks(): number[] {
    const { gridMs } = this.options;
    const { next } = this.policy(0);
    const offsets: number[] = [];
    for (let state = 0; state < next.length - 1; state = next[state]!) offsets.push(next[state]! * gridMs);
    return offsets;
  }

  /** Average checks per session the plan expects, and what a fixed 1 s loop would make. */
  expectedPolls() {
    return { planned: this.policy(0).polls, seed: this.plan().seedPolls };
  }

  /** The time by which a fraction `p` of sessions were READY, as the model believes now. */
  quantile(p: number): number {
    return quantileOf(this.plan().estimate, p, this.options.gridMs);
  }
}

/**
 * Turnbull's self-consistent estimate: probability masses on the innermost intervals (an interval's left
 * end directly followed by some interval's right end), each session's weight shared among the innermost
 * intervals it contains in proportion to their current mass. Intervals are (from, to].
 */
function turnbull(intervals: Array<{ from: number; to: number; weight: number }>) {
  const ends = [
    ...intervals.map((interval) => ({ at: interval.from, left: true })),
    ...intervals.map((interval) => ({ at: interval.to, left: false })),
  ].sort((a, b) => a.at - b.at || Number(a.left) - Number(b.left));
  const inner: Array<{ lo: number; hi: number }> = [];
  for (let i = 0; i + 1 < ends.length; i += 1)
    if (ends[i]!.left && !ends[i + 1]!.left) inner.push({ lo: ends[i]!.at, hi: ends[i + 1]!.at });
  // The innermost intervals are disjoint and sorted, so those inside a session form one run [first, last].
  const firstAtOrAfter = (from: number) => {
    let low = 0;
    let high = inner.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (inner[middle]!.lo >= from) high = middle;
      else low = middle + 1;
    }
    return low;
  };
  const spans = intervals.map(({ from, to, weight }) => {
    const first = firstAtOrAfter(from);
    let last = first;
    while (last < inner.length && inner[last]!.hi <= to) last += 1;
    return { first, last, weight };
  });
  const total = intervals.reduce((sum, { weight }) => sum + weight, 0);
  let mass = new Float64Array(inner.length).fill(1 / inner.length);
  const prefix = new Float64Array(inner.length + 1);
  for (let iteration = 0; iteration < 100; iteration += 1) {
    for (let j = 0; j < inner.length; j += 1) prefix[j + 1] = prefix[j]! + mass[j]!;
    const share = new Float64Array(inner.length + 1);
    for (const { first, last, weight } of spans) {
      const covered = prefix[last]! - prefix[first]!;
      if (covered <= 0) continue;
      share[first]! += weight / covered;
      share[last]! -= weight / covered;
    }
    const updated = new Float64Array(inner.length);
    let running = 0;
    let change = 0;
    for (let j = 0; j < inner.length; j += 1) {
      running += share[j]!;
      updated[j] = (mass[j]! * running) / total;
      change = Math.max(change, Math.abs(updated[j]! - mass[j]!));
    }
    mass = updated;
    if (change < 1e-6) break;
  }
  return inner.map((interval, j) => ({ ...interval, mass: mass[j]! }));
}

/** Spreads each innermost interval's mass evenly over the grid cells it covers. */
function toGrid(inner: Array<{ lo: number; hi: number; mass: number }>, sigmaMs: number, options: ReadinessOptions): Estimate {
  const { gridMs, reachMs, maxHorizonMs } = options;
  const latest = Math.max(0, ...inner.map(({ hi }) => hi).filter(Number.isFinite));
  const cellCount = Math.ceil(Math.min(maxHorizonMs, latest + reachMs) / gridMs);
  const horizon = cellCount * gridMs;
  const cells = new Float64Array(cellCount + 1);
  let beyond = 0;
  for (const { lo, hi, mass } of inner) {
    // Open to the right (sessions still pending past every READY seen): the plan's tail, checked every
    // maxGapMs, covers it. Spreading it just past the last sighting would make the plan chase them.
    if (lo >= horizon || !Number.isFinite(hi)) {
      beyond += mass;
      continue;
    }
    if (hi <= lo) {
      cells[Math.max(1, Math.ceil(hi / gridMs))]! += mass;
      continue;
    }
    const clipped = Math.min(hi, horizon);
    for (let cell = Math.floor(lo / gridMs) + 1; cell <= cellCount && (cell - 1) * gridMs < clipped; cell += 1) {
      cells[cell]! += (mass * (Math.min(clipped, cell * gridMs) - Math.max(lo, (cell - 1) * gridMs))) / (hi - lo);
    }
    if (hi > horizon) beyond += (mass * (hi - horizon)) / (hi - lo);
  }
  const smooth = smoothed(cells, sigmaMs / gridMs);
  const quietUntil = Math.max(
    1,
    smooth.findIndex((value) => value > 1e-6),
  );
  // A little mass everywhere: the model may be wrong, so no stretch of the plan is ever free of checks.
  const total = (smooth.reduce((sum, value) => sum + value, 0) + beyond) / (1 - options.surprise);
  for (let cell = 1; cell < smooth.length; cell += 1) smooth[cell] = smooth[cell]! / total + options.surprise / cellCount;
  return { cells: smooth, beyond: beyond / total, quietUntil };
}

/**
 * The maximum-likelihood estimate piles its mass onto a few narrow intervals where past checks happened
 * to fall; planned on as it is, the checks would chase those spikes. A Gaussian kernel (σ in cells)
 * spreads each cell's mass, keeping cell 0 empty (nothing is READY at creation).
 */
function smoothed(cells: Float64Array, sigma: number) {
  const out = new Float64Array(cells.length);
  const reach = Math.ceil(3 * sigma);
  const kernel = Array.from({ length: 2 * reach + 1 }, (_, i) => Math.exp(-(((i - reach) / sigma) ** 2) / 2));
  for (let cell = 1; cell < cells.length; cell += 1) {
    if (!cells[cell]) continue;
    let weight = 0;
    for (let i = -reach; i <= reach; i += 1) if (cell + i >= 1 && cell + i < cells.length) weight += kernel[i + reach]!;
    for (let i = -reach; i <= reach; i += 1) {
      if (cell + i >= 1 && cell + i < cells.length) out[cell + i]! += (cells[cell]! * kernel[i + reach]!) / weight;
    }
  }
  return out;
}

/** survival[k]: the share of sessions not READY by the end of cell k (survival[0] = 1). */
function survivalOf({ cells }: Estimate) {
  const survival = new Float64Array(cells.length);
  survival[0] = 1;
  for (let k = 1; k < cells.length; k += 1) survival[k] = Math.max(0, survival[k - 1]! - cells[k]!);
  return survival;
}

function quantileOf({ cells }: Estimate, p: number, gridMs: number) {
  let cumulative = 0;
  for (let k = 1; k < cells.length; k += 1) {
    cumulative += cells[k]!;
    if (cumulative >= p - 1e-9) return k * gridMs;
  }
  return (cells.length - 1) * gridMs;
}

/** Checks a seed-style loop (one at once, then one a second) makes: one per second the session is pending. */
function seedLoopPolls(survival: Float64Array, gridMs: number) {
  const step = 1000 / gridMs;
  // The check at k seconds is made when the session was still pending at the one before (and at once).
  let polls = 1;
  for (let k = 0; k < survival.length; k += step) polls += survival[k]!;
  return polls + survival[survival.length - 1]!;
}

/**
 * The cheapest next check from every grid state for one price per check (the dynamic programme), and the
 * checks per session it costs. The price is searched (bisection on its logarithm) for the lowest
 * overhead whose checks fit `budget`.
 */
function planChecks(estimate: Estimate, survival: Float64Array, budget: number, options: ReadinessOptions, previousPrice?: number): Policy {
  const { gridMs, minGapMs, maxGapMs } = options;
  const { cells } = estimate;
  const last = cells.length - 1;
  // mass[k], moment[k]: prefix sums of cell mass and of mass × cell midpoint (ms).
  const mass = new Float64Array(last + 1);
  const moment = new Float64Array(last + 1);
  for (let k = 1; k <= last; k += 1) {
    mass[k] = mass[k - 1]! + cells[k]!;
    moment[k] = moment[k - 1]! + cells[k]! * (k - 0.5) * gridMs;
  }
  const minStep = Math.max(1, Math.round(minGapMs / gridMs));
  const maxStep = Math.max(minStep, Math.round(maxGapMs / gridMs));
  const solve = (price: number): Policy => {
    const cost = new Float64Array(last + 1);
    const next = new Int32Array(last + 1).fill(last);
    for (let i = last - 1; i >= 0; i -= 1) {
      if (i + minStep > last) {
        // Past the plan's reach: the tail takes over (checks maxGapMs apart).
        next[i] = i + minStep;
        cost[i] = price * Math.max(survival[i]!, options.priceFloor);
        continue;
      }
      // Before anything was ever seen READY, the first check may wait as long as it likes.
      const furthest = i < estimate.quietUntil ? last : Math.min(last, i + maxStep);
      let best = Infinity;
      for (let j = i + minStep; j <= furthest; j += 1) {
        const total = j * gridMs * (mass[j]! - mass[i]!) - (moment[j]! - moment[i]!) + cost[j]!;
        if (total < best) {
          best = total;
          next[i] = j;
        }
      }
      cost[i] = best + price * Math.max(survival[i]!, options.priceFloor);
    }
    let polls = 0;
    for (let state = 0; state < last; state = next[state]!) polls += survival[state]!;
    return { next, polls: polls + survival[last]!, price };
  };
  // A check must be worth at least minCheckValueMs of expected waiting, whatever the budget allows.
  const floor = solve(options.minCheckValueMs);
  if (floor.polls <= budget) return floor;
  const search = (low: number, high: number, steps: number) => {
    let fitting = solve(Math.exp(high));
    if (fitting.polls > budget) return undefined;
    for (let step = 0; step < steps; step += 1) {
      const middle = (low + high) / 2;
      const policy = solve(Math.exp(middle));
      if (policy.polls <= budget) {
        fitting = policy;
        high = middle;
      } else {
        low = middle;
      }
    }
    return fitting;
  };
  // The price moves little between replans: search near the last one first (a few solves, not 15).
  const near = previousPrice === undefined ? undefined : search(Math.log(previousPrice / 4), Math.log(previousPrice * 4), 7);
  return near ?? search(Math.log(options.minCheckValueMs), Math.log(100_000), 14) ?? solve(100_000);
}
