/**
 * One error type for the whole app. Route handlers throw it, `lib/server/http.ts` renders it as
 * `{ error: { code, message, details? } }`, and `lib/api-request.ts` turns that JSON back into an AppError
 * in the browser, so both sides branch on the same `code`.
 */

export const ERROR_STATUS = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  /** The optional bot check (TURNSTILE_*): a call start without a pass, and a token Cloudflare refused. */
  bot_check_required: 403,
  bot_check_failed: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  session_failed: 502,
  upstream_unauthorized: 502,
  upstream_unavailable: 503,
  /** No key and no emulator: the deployment is not set up yet (the setup page says what to set). */
  not_configured: 503,
  upstream_timeout: 504,
  /** The avatar's own conversation service (an ElevenLabs agent) did not give a session: nothing was created. */
  character_unavailable: 503,
  session_timeout: 504,
  /** Browser only: the request never reached our server. */
  network: 0,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorDetail {
  path: string;
  message: string;
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: ErrorDetail[] };
}

export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly options: { details?: ErrorDetail[]; retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.status = ERROR_STATUS[code];
  }

  toBody(): ErrorBody {
    const { details } = this.options;
    return { error: { code: this.code, message: this.message, ...(details?.length ? { details } : {}) } };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_STATUS, value);
}

/**
 * The AppError an /api route answered with, rebuilt in the browser from its JSON body (`null` when the body
 * was not ours: a proxy's HTML page). The one place the client reads the error shape.
 */
export function errorFromBody(body: unknown, fallback: { message: string; details?: ErrorDetail[]; retryAfterSeconds?: number }): AppError {
  const error = (body as Partial<ErrorBody> | null)?.error;
  return new AppError(isErrorCode(error?.code) ? error.code : 'internal', error?.message ?? fallback.message, {
    details: error?.details ?? fallback.details,
    retryAfterSeconds: fallback.retryAfterSeconds,
  });
}
