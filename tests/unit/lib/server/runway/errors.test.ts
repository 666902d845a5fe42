import RunwayML from '@runwayml/sdk';
import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { toAppError } from '@/lib/server/runway/errors';

/** An SDK error exactly as the SDK builds it from an HTTP response. */
function apiError(status: number, body: unknown = { error: 'Something' }, headers: Record<string, string> = {}) {
  return RunwayML.APIError.generate(status, body as object, undefined, new Headers(headers));
}

describe('toAppError', () => {
  it('passes an AppError through unchanged', () => {
    const original = new AppError('conflict', 'Already consumed.');
    expect(toAppError(original)).toBe(original);
  });

  it.each([
    [400, 'invalid_request', 400],
    [422, 'invalid_request', 400],
    [401, 'upstream_unauthorized', 502],
    [403, 'upstream_unauthorized', 502],
    [404, 'not_found', 404],
    [409, 'conflict', 409],
    [429, 'rate_limited', 429],
    [500, 'upstream_unavailable', 503],
    [502, 'upstream_unavailable', 503],
    [503, 'upstream_unavailable', 503],
  ] as const)('maps Runway’s HTTP %i to %s (%i), keeping the SDK error as the cause', (status, code, appStatus) => {
    const original = apiError(status);
    const error = toAppError(original);
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe(code);
    expect(error.status).toBe(appStatus);
    expect(error.cause).toBe(original);
  });

  it('says the site owner must check the API key when Runway rejects it, without naming the server’s variables', () => {
    const message = toAppError(apiError(401)).message;
    expect(message).toBe('The server could not sign in to Runway. The site owner needs to check its API key.');
    expect(message).not.toContain('RUNWAYML_API_SECRET');
  });

  it('names what was not found', () => {
    expect(toAppError(apiError(404), 'Avatar').message).toBe('Avatar not found.');
    expect(toAppError(apiError(404), 'Session').message).toBe('Session not found.');
    expect(toAppError(apiError(404)).message).toBe('Resource not found.');
  });

  it('quotes Runway’s own message for rejected requests and conflicts, shortened to 200 characters', () => {
    expect(toAppError(apiError(400, { error: 'Too big: expected number to be <=1800', issues: [] })).message).toBe(
      'Runway rejected the request: Too big: expected number to be <=1800',
    );
    expect(toAppError(apiError(409, { error: 'Session credentials have already been consumed' })).message).toBe(
      'Runway refused: Session credentials have already been consumed',
    );
    const long = toAppError(apiError(400, { error: 'x'.repeat(500) })).message;
    expect(long).toBe(`Runway rejected the request: ${'x'.repeat(200)}…`);
    expect(toAppError(apiError(400, { message: 'not Runway’s shape' })).message).toBe('Runway rejected the request: no details');
  });

  it.each([
    ['30', 30, 'in 30 s'],
    ['2.5', 3, 'in 3 s'],
    [undefined, undefined, 'in a moment'],
    ['Wed, 21 Oct 2026 07:28:00 GMT', undefined, 'in a moment'],
    ['0', undefined, 'in a moment'],
  ])('turns Retry-After %j into retryAfterSeconds %j', (header, seconds, wait) => {
    const error = toAppError(apiError(429, { error: 'Too many' }, header === undefined ? {} : { 'retry-after': header }));
    expect(error.code).toBe('rate_limited');
    expect(error.options.retryAfterSeconds).toBe(seconds);
    expect(error.message).toBe(`All avatars are busy. Try again ${wait}.`);
  });

  it('maps connection failures to upstream_unavailable, and timeouts to upstream_timeout (504)', () => {
    const failure = new RunwayML.APIConnectionError({ cause: new TypeError('fetch failed') });
    expect(toAppError(failure)).toMatchObject({ code: 'upstream_unavailable', message: 'Could not reach Runway. Try again in a moment.' });
    expect(toAppError(new RunwayML.APIConnectionTimeoutError())).toMatchObject({
      code: 'upstream_timeout',
      status: 504,
      message: expect.stringMatching(/did not answer in time/),
    });
  });

  it('maps anything else to a generic internal error that hides the original message', () => {
    const original = new Error('key_test_0123456789 leaked into a message');
    const error = toAppError(original);
    expect(error).toMatchObject({ code: 'internal', status: 500, message: 'Something went wrong on our side.' });
    expect(error.cause).toBe(original);
    expect(JSON.stringify(error.toBody())).not.toContain('key_test');
    expect(toAppError('a string was thrown').code).toBe('internal');
  });
});
