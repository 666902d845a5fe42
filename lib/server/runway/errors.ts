import 'server-only';
import RunwayML from '@runwayml/sdk';
import { AppError } from '@/lib/errors';

/** Runway's error body is `{ error: string, issues? }`; keep its message short and free of our internals. */
function upstreamMessage(error: InstanceType<typeof RunwayML.APIError>) {
  const body = error.error as { error?: unknown } | undefined;
  const text = typeof body?.error === 'string' ? body.error : 'no details';
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

export function retryAfterSeconds(headers: Headers | undefined) {
  const value = Number(headers?.get('retry-after'));
  return Number.isFinite(value) && value > 0 ? Math.ceil(value) : undefined;
}

/** SDK and HTTP errors → AppError with a message a visitor or the site owner can act on. */
export function toAppError(error: unknown, what = 'Resource'): AppError {
  if (error instanceof AppError) return error;
  // Before APIConnectionError, its parent: a slow answer is not an unreachable host.
  if (error instanceof RunwayML.APIConnectionTimeoutError) {
    return new AppError('upstream_timeout', 'Runway did not answer in time. Nothing was repeated; try again in a moment.', {
      cause: error,
    });
  }
  if (error instanceof RunwayML.APIConnectionError) {
    return new AppError('upstream_unavailable', 'Could not reach Runway. Try again in a moment.', { cause: error });
  }
  if (!(error instanceof RunwayML.APIError)) {
    return new AppError('internal', 'Something went wrong on our side.', { cause: error });
  }
  const cause = { cause: error };
  switch (error.status) {
    case 400:
    case 422:
      return new AppError('invalid_request', `Runway rejected the request: ${upstreamMessage(error)}`, cause);
    case 401:
      return new AppError(
        'upstream_unauthorized',
        'The server could not sign in to Runway. The site owner needs to check its API key.',
        cause,
      );
    case 403:
      return new AppError('upstream_unauthorized', 'The server’s Runway account may not do this.', cause);
    case 404:
      return new AppError('not_found', `${what} not found.`, cause);
    case 409:
      return new AppError('conflict', `Runway refused: ${upstreamMessage(error)}`, cause);
    case 429: {
      const retryAfter = retryAfterSeconds(error.headers);
      const wait = retryAfter ? `in ${retryAfter} s` : 'in a moment';
      return new AppError('rate_limited', `All avatars are busy. Try again ${wait}.`, { ...cause, retryAfterSeconds: retryAfter });
    }
    default:
      return new AppError('upstream_unavailable', 'Runway is having trouble right now. Try again in a moment.', cause);
  }
}
