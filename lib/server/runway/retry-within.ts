import 'server-only';
import { setTimeout as sleep } from 'node:timers/promises';
import RunwayML from '@runwayml/sdk';
import { retryAfterSeconds } from './errors';

/**
 * The SDK's retry rule (408, 409, 429, 5xx and lost connections, two retries, backoff from 0.5 s), with two
 * differences: no wait runs past `until`, however long a `Retry-After` asks for (the SDK honours it without
 * a cap), and the wait ends when `signal` aborts (the SDK's does not). For a status poll this keeps a
 * transient fault from failing the call, and a long Retry-After from sleeping past the READY deadline.
 * `attempt` must call the SDK with `maxRetries: 0`.
 */
const RETRIES = 2;

function retryable(error: unknown) {
  if (error instanceof RunwayML.APIUserAbortError) return false;
  if (error instanceof RunwayML.APIConnectionError) return true;
  if (!(error instanceof RunwayML.APIError)) return false;
  const status = error.status ?? 0;
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

function delayMs(error: unknown, retry: number) {
  const asked = error instanceof RunwayML.APIError ? retryAfterSeconds(error.headers) : undefined;
  if (asked !== undefined) return asked * 1000;
  return 500 * 2 ** retry * (1 - Math.random() * 0.25);
}

export async function retryWithin<T>(until: number, signal: AbortSignal | undefined, attempt: () => Promise<T>): Promise<T> {
  for (let retry = 0; ; retry += 1) {
    try {
      return await attempt();
    } catch (error) {
      const remaining = until - Date.now();
      if (retry >= RETRIES || !retryable(error) || remaining <= 0) throw error;
      await sleep(Math.min(delayMs(error, retry), remaining), undefined, { signal });
    }
  }
}
