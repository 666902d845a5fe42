import type { ReadyProfile } from './config';

/**
 * How long an emulated session stays queued and when it turns READY, both in ms after create. Real Runway
 * is reported at about 1.5–2 s, but nobody promises a shape, so benchmarks and demos can pick one
 * (EMULATOR_READY_PROFILE); the polling schedule must not be tuned to any of them.
 *
 * - uniform: READY uniform in EMULATOR_READY_MS, queued for the first EMULATOR_QUEUED_MS (the default).
 * - queued: a queue of 0 to 2 × EMULATOR_QUEUED_MS, then READY EMULATOR_READY_MS after leaving it.
 * - bimodal: 90 % READY at about 1.5 s (1.3–1.7 s), 10 % at about 6 s (5.5–6.5 s).
 * - lognormal: a long tail, median 1.8 s, σ 0.45 (p90 about 3.2 s, p99 about 5.1 s).
 * - shift: uniform, until SHIFT_AFTER sessions have been created; every later one is 2 s slower.
 */

export const SHIFT_AFTER = 50;
export const SHIFT_MS = 2000;

export interface ReadyTiming {
  queuedMs: number;
  readyMs: number;
}

export interface ReadyProfileInput {
  profile: ReadyProfile;
  queuedMs: number;
  readyMs: { min: number; max: number };
  /** Sessions created before this one. */
  created: number;
  random: () => number;
}

const between = (random: () => number, min: number, max: number) => min + Math.round(random() * (max - min));

/** A standard normal draw (Box–Muller). */
const normal = (random: () => number) => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

/** READY no earlier than the queue ends; queued no longer than READY. */
const settled = (queuedMs: number, readyMs: number): ReadyTiming => {
  const ready = Math.max(queuedMs, Math.round(readyMs));
  return { queuedMs: Math.min(queuedMs, ready), readyMs: ready };
};

export function drawReadyTiming({ profile, queuedMs, readyMs: { min, max }, created, random }: ReadyProfileInput): ReadyTiming {
  switch (profile) {
    case 'uniform':
      return settled(queuedMs, between(random, min, max));
    case 'queued': {
      const queue = between(random, 0, 2 * queuedMs);
      return { queuedMs: queue, readyMs: queue + between(random, min, max) };
    }
    case 'bimodal':
      return settled(queuedMs, random() < 0.9 ? between(random, 1300, 1700) : between(random, 5500, 6500));
    case 'lognormal':
      return settled(queuedMs, 1800 * Math.exp(0.45 * normal(random)));
    case 'shift':
      return settled(queuedMs, between(random, min, max) + (created >= SHIFT_AFTER ? SHIFT_MS : 0));
  }
}
