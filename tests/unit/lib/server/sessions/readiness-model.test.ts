import { describe, expect, it } from 'vitest';
import { ReadinessModel, type CheckTiming, type ReadinessOptions } from '@/lib/server/sessions/readiness-model';

/** A small deterministic PRNG, so "random" histories are the same on every run. */
function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) % 2 ** 32;
    return state / 2 ** 32;
  };
}

/** A model on a fake clock that only moves when the test says so. */
function fakeClocked(options: Partial<ReadinessOptions> = {}) {
  const clock = { now: 0 };
  const model = new ReadinessModel({ now: () => clock.now, ...options });
  return { model, clock };
}

const gaps = (offsets: readonly number[]) => offsets.slice(1).map((offset, i) => offset - offsets[i]!);

/**
 * One session polled on the model's own plan, READY at `readyAt` (ms after create); every check is sent
 * `lateMs` after it was planned (a busy server). Returns the checks made and records what they showed.
 */
function runSession(model: ReadinessModel, readyAt: number, { lateMs = 0, jitter = 0 } = {}) {
  const timing: CheckTiming = { receivedAt: 0, jitter, probed: false };
  const checks: number[] = [];
  for (;;) {
    const sentAt = model.nextCheckAt(timing) + lateMs;
    checks.push(sentAt);
    if (sentAt >= readyAt) {
      model.record(timing.pendingAt ?? 0, sentAt);
      return checks;
    }
    Object.assign(timing, { pendingAt: sentAt, receivedAt: sentAt });
  }
}

describe('ReadinessModel with no history', () => {
  it('checks on a prior around Runway’s reported 1.5–2.5 s: nothing in the first second, gaps of at most 1 s', () => {
    const checks = new ReadinessModel().checks();
    expect(checks[0]).toBeGreaterThanOrEqual(1000);
    expect(checks[0]).toBeLessThan(1600);
    expect(checks.filter((offset) => offset >= 1000 && offset <= 3000).length).toBeGreaterThanOrEqual(5);
    for (const gap of gaps(checks)) {
      expect(gap).toBeGreaterThanOrEqual(40);
      expect(gap).toBeLessThanOrEqual(1000);
    }
  });

  it('spends at most the poll budget: 1.4× what a fixed 1 s loop would make on the same timings', () => {
    const { planned, seed } = new ReadinessModel().expectedPolls();
    // READY uniform in 1–3 s: the 1 s loop checks at 0, 1, 2 (and 3) s.
    expect(seed).toBeCloseTo(3.5, 1);
    expect(planned).toBeLessThanOrEqual(1.4 * seed + 1e-9);
    expect(planned).toBeGreaterThan(seed);
  });
});

describe('ReadinessModel learning from censored intervals', () => {
  it('concentrates its checks where sessions become READY (~2 s)', () => {
    const { model } = fakeClocked({ replanMs: 0 });
    const random = seeded(7);
    for (let i = 0; i < 40; i += 1) {
      const readyAt = 1950 + random() * 150;
      model.record(readyAt - 60 - random() * 40, readyAt);
    }
    const checks = model.checks();
    expect(checks[0]).toBeGreaterThanOrEqual(1700);
    expect(checks.filter((offset) => offset >= 1850 && offset <= 2150).length).toBeGreaterThanOrEqual(3);
    expect(model.quantile(0.5)).toBeGreaterThan(1900);
    expect(model.quantile(0.5)).toBeLessThan(2100);
  });

  it('does not drift later when checks come late: a wide interval’s weight goes where the narrow ones put READY', () => {
    const { model } = fakeClocked({ replanMs: 0 });
    for (let i = 0; i < 24; i += 1) model.record(1900, 2000);
    const median = model.quantile(0.5);
    const firstCheck = model.checks()[0]!;
    // Under load the READY check is sent 600 ms late: the session was pending at 1900 and READY by 2600.
    for (let i = 0; i < 60; i += 1) model.record(1900, 2600);
    expect(model.quantile(0.5)).toBeLessThanOrEqual(median + 20);
    expect(model.checks()[0]).toBeLessThanOrEqual(firstCheck + 20);
    // Smearing each interval evenly over its span (the old model) would have put the median near 2150.
    expect(model.quantile(0.5)).toBeLessThan(2050);
  });

  it('stays where READY is while every session is polled late on its own plan', () => {
    const { model } = fakeClocked({ replanMs: 0 });
    const random = seeded(3);
    for (let i = 0; i < 20; i += 1) runSession(model, 1500 + random() * 1000);
    const before = model.quantile(0.5);
    for (let i = 0; i < 60; i += 1) runSession(model, 1500 + random() * 1000, { lateMs: 300 });
    expect(model.quantile(0.5)).toBeLessThan(before + 150);
    expect(model.quantile(0.9)).toBeLessThan(2700);
  });

  it('plans for both modes of a bimodal history, and keeps checking (≤ 1 s apart) between them', () => {
    const { model } = fakeClocked({ replanMs: 0 });
    const random = seeded(11);
    for (let i = 0; i < 60; i += 1) {
      const readyAt = i % 10 === 9 ? 5800 + random() * 400 : 1400 + random() * 200;
      model.record(readyAt - 80, readyAt);
    }
    const checks = model.checks();
    expect(checks.filter((offset) => offset >= 1300 && offset <= 1700).length).toBeGreaterThanOrEqual(3);
    expect(checks.filter((offset) => offset >= 5700 && offset <= 6300).length).toBeGreaterThanOrEqual(2);
    for (const gap of gaps(checks)) expect(gap).toBeLessThanOrEqual(1000);
    const { planned, seed } = model.expectedPolls();
    expect(planned).toBeLessThanOrEqual(1.4 * seed + 1e-9);
  });

  it('moves its first check earlier while sessions keep being READY at it', () => {
    const { model } = fakeClocked({ replanMs: 0, trustAfter: 1 });
    model.record(0, 800);
    expect(model.checks()[0]).toBeLessThan(800);
  });
});

/**
 * Sessions created together, as a burst on one server: each seen pending at its first check (900 ms), then
 * READY at a check 100 ms apart, and finishing in the order of their READY delays, as they do on a server.
 * Their creation order is unrelated to their delays. `finished` limits how many of the quickest finish; the
 * rest stay in flight.
 */
function runBurst(model: ReadinessModel, delays: readonly number[], { bornAt = Date.now(), finished = delays.length } = {}) {
  const ids = delays.map((_, i) => `burst-${bornAt}-${i}`);
  delays.forEach((delay, i) => delay > 900 && model.pending(ids[i]!, 900, bornAt + i));
  const byDelay = delays.map((delay, i) => ({ delay, i })).sort((a, b) => a.delay - b.delay);
  let now = 900;
  for (const { delay, i } of byDelay.slice(0, finished)) {
    now = Math.ceil(delay / 100) * 100;
    model.record(Math.max(now - 100, delay > 900 ? 900 : 0), now, ids[i], bornAt + i);
  }
  // Those still in flight were checked as recently as the last one that finished.
  for (const { i } of byDelay.slice(finished)) model.pending(ids[i]!, now - 100, bornAt + i);
}

const uniformDelays = (count: number, random: () => number, from = 1000, to = 3000) =>
  Array.from({ length: count }, () => from + random() * (to - from));

describe('ReadinessModel under bursts', () => {
  it('after bursts of 200 that finish in the order of their READY delays, still expects READY where it was (~2 s), not at the slowest', () => {
    const { model } = fakeClocked({ replanMs: 0 });
    const random = seeded(11);
    for (const burst of [1, 2, 3]) {
      runBurst(model, uniformDelays(200, random), { bornAt: burst * 10_000 });
      expect(model.quantile(0.5)).toBeGreaterThan(1700);
      expect(model.quantile(0.5)).toBeLessThan(2300);
      // The first check stays before most READYs, instead of waiting for the slowest.
      expect(model.checks()[0]).toBeLessThan(1600);
    }
  });

  it('in a first burst, with only its quickest sessions in, still expects READY across the prior’s 1–3 s', () => {
    const { model } = fakeClocked({ replanMs: 0 });
    runBurst(model, uniformDelays(100, seeded(13)), { finished: 10 });
    // Without the prior, the 90 in flight would have nowhere to go but beyond everything seen.
    expect(model.quantile(0.5)).toBeGreaterThan(1500);
    expect(model.quantile(0.5)).toBeLessThan(2600);
    const inside = model.checks().filter((offset) => offset > 1300 && offset < 3000);
    expect(Math.max(...gaps(inside))).toBeLessThan(600);
  });

  it('does not take the quickest sessions of a burst still in flight for a faster Runway', () => {
    const { model } = fakeClocked({ replanMs: 0 });
    const random = seeded(12);
    for (let i = 0; i < 64; i += 1) runSession(model, 1500 + random() * 1000);
    const before = model.quantile(0.5);
    // READY 1.0–3.0 s: its 30 quickest are all earlier than anything seen before.
    runBurst(model, uniformDelays(200, random), { bornAt: Date.now() + 1000, finished: 30 });
    // Forgetting the history for those 30 would leave nothing known beyond them but 170 sessions in flight.
    expect(Math.abs(model.quantile(0.5) - before)).toBeLessThan(300);
  });
});

describe('ReadinessModel forgetting', () => {
  it('follows Runway getting 2 s slower within a handful of sessions', () => {
    const { model } = fakeClocked({ replanMs: 0 });
    const random = seeded(5);
    for (let i = 0; i < 48; i += 1) runSession(model, 1500 + random() * 1000);
    expect(model.quantile(0.5)).toBeLessThan(2300);
    for (let i = 0; i < 6; i += 1) runSession(model, 3500 + random() * 1000);
    expect(model.quantile(0.5)).toBeGreaterThan(3300);
    // At most one check (insurance against being wrong) is left where READY used to come.
    expect(model.checks().filter((offset) => offset < 3000).length).toBeLessThanOrEqual(1);
    // And the checks are dense again where READY now is.
    const checks = runSession(model, 4000);
    expect(checks.at(-1)! - 4000).toBeLessThan(300);
  });

  it('follows Runway getting 4 s slower under steady traffic, where a newer session is always in flight', () => {
    const { model, clock } = fakeClocked({ replanMs: 0 });
    const random = seeded(8);
    // A session every 500 ms, seen pending at 900 ms, then READY at a check 100 ms apart; 1–3 s, then 5–7 s.
    const events: Array<{ at: number; run: () => void }> = [];
    let recordedAfterShift = 0;
    for (let i = 0; i < 170; i += 1) {
      const bornAt = i * 500;
      const delay = (i < 150 ? 1000 : 5000) + random() * 2000;
      const to = Math.ceil(delay / 100) * 100;
      events.push({ at: bornAt + 900, run: () => model.pending(`steady-${i}`, 900, bornAt) });
      events.push({
        at: bornAt + to,
        run: () => {
          model.record(to - 100, to, `steady-${i}`, bornAt);
          if (i >= 150) recordedAfterShift += 1;
        },
      });
    }
    events.sort((a, b) => a.at - b.at);
    for (const event of events) {
      clock.now = event.at;
      event.run();
      if (recordedAfterShift === 10) break;
    }
    expect(model.quantile(0.5)).toBeGreaterThan(4500);
  });

  it('follows Runway getting faster: READY at the first check, again and again, moves the checks earlier', () => {
    const { model } = fakeClocked({ replanMs: 0 });
    const random = seeded(9);
    for (let i = 0; i < 48; i += 1) runSession(model, 1500 + random() * 1000);
    const firstCheck = model.checks()[0]!;
    for (let i = 0; i < 12; i += 1) runSession(model, 600 + random() * 200);
    expect(firstCheck).toBeGreaterThan(1200);
    expect(model.checks()[0]).toBeLessThan(900);
  });

  it('weighs recent sessions more: after a slow spell, steady sessions win back the plan', () => {
    const { model } = fakeClocked({ replanMs: 0, shiftRun: 1000 });
    for (let i = 0; i < 40; i += 1) model.record(2900, 3000);
    for (let i = 0; i < 40; i += 1) model.record(1900, 2000);
    expect(model.quantile(0.5)).toBeLessThan(2100);
  });
});

describe('ReadinessModel.nextCheckAt', () => {
  it('never plans a check sooner than the minimum gap after the last one, nor more than 1 s after it once READY is possible', () => {
    const model = new ReadinessModel();
    expect(model.nextCheckAt({ pendingAt: 1, receivedAt: 2, jitter: 0, probed: true })).toBeGreaterThan(1000);
    for (const pendingAt of [1000, 1001, 1500, 2500, 5000, 12_345, 40_000]) {
      const next = model.nextCheckAt({ pendingAt, receivedAt: pendingAt, jitter: 0, probed: false });
      expect(next).toBeGreaterThanOrEqual(pendingAt + model.minGapMs);
      expect(next).toBeLessThanOrEqual(pendingAt + 1000);
    }
  });

  it('spreads sessions created together: jitter grows with the sessions in flight, up to 60 ms', () => {
    const { model } = fakeClocked();
    const at = (jitter: number) => model.nextCheckAt({ receivedAt: 0, jitter, probed: false });
    expect(at(0.49) - at(-0.5)).toBeLessThanOrEqual(1);
    for (let i = 0; i < 40; i += 1) model.pending(`s${i}`, 10);
    expect(at(0.49) - at(-0.5)).toBeGreaterThanOrEqual(18);
    expect(at(0.49) - at(-0.5)).toBeLessThanOrEqual(21);
    for (let i = 40; i < 400; i += 1) model.pending(`s${i}`, 10);
    expect(at(0.49) - at(-0.5)).toBeGreaterThanOrEqual(58);
    expect(at(0.49) - at(-0.5)).toBeLessThanOrEqual(60);
    for (let i = 0; i < 400; i += 1) model.settle(`s${i}`);
    expect(at(0.49) - at(-0.5)).toBeLessThanOrEqual(1);
  });

  it('leaves one check fewer for a session whose first progress report already spent one', () => {
    const { model } = fakeClocked();
    const unprobed = model.nextCheckAt({ receivedAt: 0, jitter: 0, probed: false });
    const probed = model.nextCheckAt({ pendingAt: 5, receivedAt: 10, jitter: 0, probed: true });
    expect(probed).toBeGreaterThanOrEqual(unprobed);
  });

  it('keeps a session on the plan it started with while others replan, until it outlives that plan', () => {
    const { model } = fakeClocked({ replanMs: 0, trustAfter: 1 });
    model.record(1900, 2000);
    const timing: CheckTiming = { receivedAt: 0, jitter: 0, probed: false };
    const first = model.nextCheckAt(timing);
    model.record(900, 1000);
    const fresh: CheckTiming = { receivedAt: 0, jitter: 0, probed: false };
    expect(model.nextCheckAt(fresh)).toBeLessThan(first);
    expect(model.nextCheckAt(timing)).toBe(first);
    // Pending past everything its plan knew, it takes the current plan.
    Object.assign(timing, { pendingAt: 30_000, receivedAt: 30_000 });
    model.nextCheckAt(timing);
    expect(timing.plan).toBe(fresh.plan);
  });

  it('under load replans at most every replanMs; a new observation waits for the clock', () => {
    const { model, clock } = fakeClocked({ replanMs: 200, trustAfter: 1 });
    model.record(1900, 2000);
    const first = model.checks();
    model.record(900, 1000);
    expect(model.checks()).toEqual(first);
    clock.now += 200;
    expect(model.checks()[0]).toBeLessThan(first[0]!);
  });

  it('forgets sessions that stay in flight far too long (a visitor who left without cancelling)', () => {
    const { model, clock } = fakeClocked({ replanMs: 0 });
    for (let i = 0; i < 100; i += 1) model.pending(`gone${i}`, 100);
    const at = (jitter: number) => model.nextCheckAt({ receivedAt: 0, jitter, probed: false });
    expect(at(0.49) - at(-0.5)).toBeGreaterThan(40);
    clock.now += 60_001;
    expect(at(0.49) - at(-0.5)).toBeLessThanOrEqual(1);
  });
});
