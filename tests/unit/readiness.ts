import { beforeAll } from 'vitest';
import type { ReadinessModel } from '@/lib/server/sessions/readiness-model';

/**
 * The routes and `consumeSession` schedule their status checks with the process-wide readiness model,
 * whose prior expects READY after 1–3 s. Against the fast test emulator that makes every wait last about a
 * second. This teaches the shared model, as a few real sessions would, that READY comes within `readyMs`,
 * so those waits follow the test emulator's speed. Behaviour is unchanged: only when the checks happen.
 */
export function trainSharedReadinessModel(readyMs: readonly [number, number] = [40, 160]) {
  beforeAll(() => {
    const store = globalThis as typeof globalThis & { [key: symbol]: unknown };
    const model = store[Symbol.for('runway-characters-starter:readiness-model')] as ReadinessModel | undefined;
    if (!model) throw new Error('Import the lifecycle (or a route) before training its shared readiness model.');
    for (let i = 0; i < 8; i += 1) model.record(readyMs[0], readyMs[1]);
  });
}
