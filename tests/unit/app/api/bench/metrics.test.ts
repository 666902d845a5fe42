import { setTimeout as sleep } from 'node:timers/promises';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DELETE, GET } from '@/app/api/bench/metrics/route';
import { jsonRequest, routeContext } from '@/tests/unit/request';
import { resetSecurityState, signInWithTestPassword } from '@/tests/unit/security';

/** GET/DELETE /api/bench/metrics: the server's event-loop delay for npm run bench:load, off by default. */

let cookie = '';
const read = () => GET(jsonRequest('/api/bench/metrics', { headers: cookie ? { cookie } : {} }), routeContext({}));
const reset = () => DELETE(jsonRequest('/api/bench/metrics', { method: 'DELETE', headers: cookie ? { cookie } : {} }), routeContext({}));

async function errorCode(response: Response) {
  return { status: response.status, code: ((await response.json()) as { error: { code: string } }).error.code };
}

describe('/api/bench/metrics', () => {
  beforeEach(async () => {
    resetSecurityState();
    cookie = '';
    vi.stubEnv('BENCH_METRICS', '');
  });

  it('is admin-only even when enabled', async () => {
    vi.stubEnv('BENCH_METRICS', '1');
    expect(await errorCode(await read())).toEqual({ status: 401, code: 'unauthorized' });
    expect(await errorCode(await reset())).toEqual({ status: 401, code: 'unauthorized' });
  });

  it('does not exist unless BENCH_METRICS=1, for the admin too', async () => {
    cookie = await signInWithTestPassword();
    expect(await errorCode(await read())).toEqual({ status: 404, code: 'not_found' });
    vi.stubEnv('BENCH_METRICS', '0');
    expect(await errorCode(await reset())).toEqual({ status: 404, code: 'not_found' });
  });

  it('reports the event-loop delay a blocked loop caused, and a reset starts a new window', async () => {
    vi.stubEnv('BENCH_METRICS', '1');
    cookie = await signInWithTestPassword();
    expect((await reset()).status).toBe(204);
    await sleep(30);
    // Block the loop for about 120 ms: the monitor must see a delay of that order.
    const until = Date.now() + 120;
    while (Date.now() < until);
    await sleep(30);
    const response = await read();
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const report = (await response.json()) as {
      windowMs: number;
      delay: { max: number; p50: number; samples: number };
      utilization: number;
    };
    expect(report.delay.max).toBeGreaterThanOrEqual(100);
    expect(report.delay.samples).toBeGreaterThan(0);
    expect(report.utilization).toBeGreaterThan(0);

    expect((await reset()).status).toBe(204);
    await sleep(30);
    const fresh = (await (await read()).json()) as { windowMs: number; delay: { max: number } };
    expect(fresh.delay.max).toBeLessThan(100);
    expect(fresh.windowMs).toBeLessThan(report.windowMs + 1000);
  });
});
