import { describe, expect, it } from 'vitest';
import { niceCeiling } from '@/components/usage/usage-chart';

describe('niceCeiling (the chart axes end on round numbers)', () => {
  it.each([
    [0, 1],
    [0.03, 0.05],
    [1, 1],
    [3, 5],
    [7, 10],
    [12, 20],
    [60, 100],
    [250, 500],
  ])('%d → %d', (value, ceiling) => {
    expect(niceCeiling(value)).toBeCloseTo(ceiling);
  });
});
