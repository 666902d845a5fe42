import { describe, expect, it } from 'vitest';
import { AppError, errorFromBody } from '@/lib/errors';

/** The browser rebuilds the server's AppError from its JSON body, the same way for every fetcher. */
describe('errorFromBody', () => {
  it('restores the code, message and field details the route answered with', () => {
    const sent = new AppError('invalid_request', 'Check the highlighted fields.', {
      details: [{ path: 'body.name', message: 'Too long' }],
    });
    const error = errorFromBody(JSON.parse(JSON.stringify(sent.toBody())), { message: 'Request failed (400).', retryAfterSeconds: 3 });
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'invalid_request', status: 400, message: 'Check the highlighted fields.' });
    expect(error.options).toEqual({ details: [{ path: 'body.name', message: 'Too long' }], retryAfterSeconds: 3 });
  });

  it('answers a body that is not ours (a proxy’s HTML page, an unknown code) with the fallback, as an internal error', () => {
    expect(errorFromBody(null, { message: 'Upload failed (502).' })).toMatchObject({ code: 'internal', message: 'Upload failed (502).' });
    const unknown = errorFromBody(
      { error: { code: 'teapot', message: 'Short and stout.' } },
      { message: 'x', details: [{ path: 'file', message: 'x' }] },
    );
    expect(unknown).toMatchObject({
      code: 'internal',
      message: 'Short and stout.',
      options: { details: [{ path: 'file', message: 'x' }] },
    });
  });
});
