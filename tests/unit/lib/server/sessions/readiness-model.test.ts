import { describe, expect, it } from 'vitest';
import { ReadinessModel } from '@/lib/server/sessions/readiness-model';

/** A small deterministic PRNG, so "random" observations are the same on every run. */
function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) % 2 ** 32;
    return state / 2 ** 32;
  };
}

function gaps(offsets: readonly number[]) {
  return offsets.slice(1).map((offset, i) => offset - offsets[i]!);
}

/** Quantiles are found by bisection, to within a millisecond or so. */
function expectNear(value: number | undefined, target: number) {
  expect(Math.abs(value! - target)).toBeLessThanOrEqual(2);
}

function expectWellFormed(plan: readonly number[], minGapMs = 80) {
  expect(plan.length).toBeGreaterThan(0);
  for (const gap of gaps(plan)) expect(gap).toBeGreaterThanOrEqual(minGapMs);
}

describe('ReadinessModel.plan', () => {
  it('starts from a prior around Runway’s reported 1.5–2.5 s: no check in the first second, none long after 3 s', () => {
    const plan = new ReadinessModel().plan();
    expectWellFormed(plan);
    expect(plan.length).toBeGreaterThanOrEqual(5);
    expect(plan[0]).toBeGreaterThanOrEqual(1000);
    expect(plan[0]).toBeLessThan(1500);
    expect(plan.at(-1)).toBeGreaterThanOrEqual(2800);
    expect(plan.at(-1)).toBeLessThanOrEqual(3100);
  });

  it('is strictly increasing and never schedules two checks closer than the minimum gap', () => {
    const random = seeded(42);
    for (let round = 0; round < 40; round += 1) {
      const model = new ReadinessModel({ trustAfter: 1 });
      const count = 1 + Math.floor(random() * 20);
      for (let i = 0; i < count; i += 1) {
        const readyAt = Math.round(200 + random() * 3000);
        model.record(readyAt - Math.round(random() * 400), readyAt);
      }
      expectWellFormed(model.plan());
    }
  });

  it('keeps the minimum gap even when the likely range is narrower than the checks would need', () => {
    const plan = new ReadinessModel({ prior: [[100, 300]] }).plan();
    expectWellFormed(plan);
    expect(plan[0]).toBeGreaterThanOrEqual(100);
  });

  it('honours a custom minimum gap', () => {
    const plan = new ReadinessModel({ prior: [[100, 300]], minGapMs: 40 }).plan();
    expectWellFormed(plan, 40);
    expect(plan.filter((offset) => offset <= 300).length).toBeGreaterThan(3);
  });

  it('concentrates its checks where sessions were seen becoming ready (~2000 ms)', () => {
    const model = new ReadinessModel();
    const random = seeded(7);
    for (let i = 0; i < 40; i += 1) {
      // Each session was NOT_READY at one check and READY at the next, around 2000 ms.
      const readyAt = 1950 + random() * 150;
      model.record(readyAt - 60 - random() * 40, readyAt);
    }
    const plan = model.plan();
    expectWellFormed(plan);
    // No check is wasted long before the learned range…
    expect(plan[0]).toBeGreaterThanOrEqual(1800);
    // …several fall inside it…
    expect(plan.filter((offset) => offset >= 1800 && offset <= 2200).length).toBeGreaterThanOrEqual(3);
    // …so a session ready anywhere in it is seen within two minimum gaps, after only a few checks.
    for (let readyAt = 1850; readyAt <= 2100; readyAt += 10) {
      expect(model.nextCheckAt(readyAt) - readyAt).toBeLessThanOrEqual(2 * model.minGapMs);
      expect(plan.filter((offset) => offset < readyAt).length).toBeLessThanOrEqual(4);
    }
  });

  it('keeps the prior until a few sessions have been seen, then trusts only what it saw', () => {
    const model = new ReadinessModel();
    for (let i = 0; i < 3; i += 1) model.record(400, 500);
    expect(model.plan().at(-1)).toBeGreaterThanOrEqual(2900);
    model.record(400, 500);
    const plan = model.plan();
    expect(plan[0]).toBeGreaterThanOrEqual(400);
    expect(plan[0]).toBeLessThanOrEqual(500);
    expect(plan.at(-1)).toBeLessThan(2000);
  });

  it('moves the first check earlier while sessions keep being READY at their first check', () => {
    const model = new ReadinessModel();
    const firstChecks = [model.plan()[0]!];
    for (let i = 0; i < 8; i += 1) {
      model.recordFirstCheck(firstChecks.at(-1)!);
      firstChecks.push(model.plan()[0]!);
    }
    for (const gap of gaps(firstChecks)) expect(gap).toBeLessThan(0);
  });

  it('treats a READY seen at the first check as an interval from creation', () => {
    const model = new ReadinessModel({ trustAfter: 1 });
    model.record(0, 800);
    expect(model.plan()[0]).toBeLessThan(200);
  });
});

describe('ReadinessModel window', () => {
  // The plan reaches out to the slowest READY still remembered, so it shows when an old one is forgotten.
  it('forgets the oldest observation once the window is full', () => {
    const model = new ReadinessModel({ window: 4, trustAfter: 1 });
    model.record(9000, 9000);
    for (let i = 0; i < 3; i += 1) model.record(1000, 1000);
    expect(model.plan().at(-1)).toBeGreaterThanOrEqual(8990);
    model.record(1000, 1000);
    expect(model.plan().at(-1)).toBeLessThan(5000);
    expectNear(model.plan()[0], 1000);
  });

  it('remembers exactly the last 32 sessions by default', () => {
    const model = new ReadinessModel();
    model.record(9000, 9000);
    for (let i = 0; i < 31; i += 1) model.record(1000, 1000);
    expect(model.plan().at(-1)).toBeGreaterThanOrEqual(8990);
    model.record(1000, 1000);
    expect(model.plan().at(-1)).toBeLessThan(5000);
  });
});

describe('ReadinessModel.nextCheckAt', () => {
  it('returns the first planned check at or after the given time', () => {
    const model = new ReadinessModel();
    const plan = model.plan();
    expect(model.nextCheckAt(0)).toBe(plan[0]);
    expect(model.nextCheckAt(plan[0]!)).toBe(plan[0]);
    expect(model.nextCheckAt(plan[0]! + 1)).toBe(plan[1]);
    expect(model.nextCheckAt(plan.at(-1)!)).toBe(plan.at(-1));
  });

  it('past the plan, backs off with growing gaps that are capped at 1 s', () => {
    const model = new ReadinessModel();
    const last = model.plan().at(-1)!;
    const checks = [model.nextCheckAt(last + 1)];
    for (let i = 0; i < 6; i += 1) checks.push(model.nextCheckAt(checks.at(-1)! + 1));
    expect(gaps([last, ...checks])).toEqual([150, 300, 600, 1000, 1000, 1000, 1000]);
  });

  it('lands on the backoff ladder, not on the requested time', () => {
    const model = new ReadinessModel({ prior: [[100, 100]] });
    const last = model.plan().at(-1)!;
    expect(model.nextCheckAt(last + 1)).toBe(last + 150);
    expect(model.nextCheckAt(last + 151)).toBe(last + 450);
    expect(model.nextCheckAt(last + 2000)).toBe(last + 2050);
  });

  it('never answers earlier than asked', () => {
    const model = new ReadinessModel({ prior: [[50, 120]] });
    for (const notBefore of [0, 1, 49, 50, 51, 130, 999, 5000, 12_345]) {
      expect(model.nextCheckAt(notBefore)).toBeGreaterThanOrEqual(notBefore);
    }
  });

  it('exposes the minimum gap that callers add after each check', () => {
    expect(new ReadinessModel().minGapMs).toBe(80);
    expect(new ReadinessModel({ minGapMs: 25 }).minGapMs).toBe(25);
  });

  it('replans after every observation, though the plan is computed once between them', () => {
    const model = new ReadinessModel({ trustAfter: 1 });
    const before = model.plan();
    expect(model.plan()).toBe(before);
    model.record(250, 300);
    const fresh = new ReadinessModel({ trustAfter: 1 });
    fresh.record(250, 300);
    expect(model.plan()).not.toEqual(before);
    expect(model.plan()).toEqual(fresh.plan());
  });
});
