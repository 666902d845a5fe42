import { AppError, errorFromBody } from '@/lib/errors';

/** The one browser fetcher for our own /api routes: failures come back as the same AppError the server threw. */

export async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      ...init,
      headers: init.body ? { 'Content-Type': 'application/json', ...init.headers } : init.headers,
    });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new AppError('network', 'Could not reach the server. Check your connection and try again.', { cause: error });
  }
  if (response.ok) return (response.status === 204 ? undefined : await response.json()) as T;
  throw errorFromBody(await response.json().catch(() => null), {
    message: `Request failed (${response.status}).`,
    retryAfterSeconds: Number(response.headers.get('retry-after')) || undefined,
  });
}
