import { describe, expect, it } from 'vitest';
import type { ReadyProfile } from '../src/config';
import { drawReadyTiming, SHIFT_AFTER, SHIFT_MS } from '../src/ready-profiles';

/** A small deterministic PRNG, so the drawn timings are the same on every run. */
function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) % 2 ** 32;
    return state / 2 ** 32;
  };
}

function draws(profile: ReadyProfile, count = 2000, created = 0) {
  const random = seeded(1);
  return Array.from({ length: count }, () =>
    drawReadyTiming({ profile, queuedMs: 500, readyMs: { min: 1500, max: 2500 }, created, random }),
  );
}

const share = (values: number[], test: (value: number) => boolean) => values.filter(test).length / values.length;

describe('drawReadyTiming', () => {
  it('uniform: READY within EMULATOR_READY_MS, queued for EMULATOR_QUEUED_MS', () => {
    for (const { queuedMs, readyMs } of draws('uniform')) {
      expect(readyMs).toBeGreaterThanOrEqual(1500);
      expect(readyMs).toBeLessThanOrEqual(2500);
      expect(queuedMs).toBe(500);
    }
  });

  it('queued: a queue of 0–1 s, then READY 1.5–2.5 s after leaving it', () => {
    const timings = draws('queued');
    for (const { queuedMs, readyMs } of timings) {
      expect(queuedMs).toBeGreaterThanOrEqual(0);
      expect(queuedMs).toBeLessThanOrEqual(1000);
      expect(readyMs - queuedMs).toBeGreaterThanOrEqual(1500);
      expect(readyMs - queuedMs).toBeLessThanOrEqual(2500);
    }
    expect(
      share(
        timings.map((t) => t.queuedMs),
        (q) => q > 500,
      ),
    ).toBeGreaterThan(0.4);
  });

  it('bimodal: about 90 % at 1.3–1.7 s and 10 % at 5.5–6.5 s, nothing between', () => {
    const ready = draws('bimodal').map((t) => t.readyMs);
    expect(share(ready, (r) => r >= 1300 && r <= 1700)).toBeCloseTo(0.9, 1);
    expect(share(ready, (r) => r >= 5500 && r <= 6500)).toBeCloseTo(0.1, 1);
    expect(share(ready, (r) => r > 1700 && r < 5500)).toBe(0);
  });

  it('lognormal: median about 1.8 s with a long right tail', () => {
    const ready = draws('lognormal')
      .map((t) => t.readyMs)
      .sort((a, b) => a - b);
    expect(ready[1000]).toBeGreaterThan(1650);
    expect(ready[1000]).toBeLessThan(1950);
    expect(ready[1980]).toBeGreaterThan(4000);
    expect(ready[0]).toBeGreaterThanOrEqual(500);
  });

  it('shift: 2 s slower once SHIFT_AFTER sessions exist', () => {
    const before = draws('shift', 200, SHIFT_AFTER - 1).map((t) => t.readyMs);
    const after = draws('shift', 200, SHIFT_AFTER).map((t) => t.readyMs);
    expect(Math.max(...before)).toBeLessThanOrEqual(2500);
    expect(Math.min(...after)).toBeGreaterThanOrEqual(1500 + SHIFT_MS);
  });
});
