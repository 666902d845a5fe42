import 'server-only';
import { after } from 'next/server';
import type { z } from 'zod';
import { isPublicPath } from '@/lib/auth/access-policy';
import { AppError, type ErrorDetail } from '@/lib/errors';
import { verifyAdmin } from '@/lib/server/auth/admin';
import { readCappedBody } from '@/lib/server/read-capped-body';
import { withRequest } from '@/lib/server/request-scope';
import { assertSameOrigin } from '@/lib/server/security/request-guards';

/**
 * Every route handler is `route(schemas, handler)`: enforce the access policy (admin unless public), apply
 * the same-origin rule, parse and validate params, query and JSON body with zod
 * (read through the one capped reader, lib/server/read-capped-body.ts; a route that declares no body refuses one),
 * run the handler, and render any AppError as `{ error: { code, message, details? } }`. Anything else becomes
 * a logged 500 with a generic message: no stack trace or upstream detail reaches the client.
 */

const MAX_BODY_BYTES = 16 * 1024;

export const NO_STORE = { 'Cache-Control': 'no-store' } as const;

/**
 * For the session routes' small JSON (a few hundred bytes, answered hundreds of times a second in a
 * burst): `no-transform` makes `next start` skip gzip, which costs CPU per response and saves nothing.
 */
export const NO_STORE_SMALL = { 'Cache-Control': 'no-store, no-transform' } as const;

interface Schemas {
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** A larger JSON limit for bodies that carry long text (a knowledge document); 16 KB otherwise. */
  maxBodyBytes?: number;
  /**
   * The handler reads the body itself, with readCappedBody and a cap of its own (a file upload). Without
   * this or a `body` schema, a route takes no body: route() refuses one with 413 before the handler runs.
   */
  rawBody?: true;
  /**
   * For a form that must work without JavaScript: also accept the body as an HTML form post
   * (application/x-www-form-urlencoded), and answer a failed one with this response (a redirect back to
   * the form) instead of JSON.
   */
  formPost?: { onError: (error: AppError, request: Request) => Response };
}

const FORM_TYPE = 'application/x-www-form-urlencoded';
export const isFormPost = (request: Request) => Boolean(request.headers.get('content-type')?.toLowerCase().startsWith(FORM_TYPE));

type Parsed<S extends Schemas, K extends keyof Schemas> = S[K] extends z.ZodType ? z.infer<S[K]> : undefined;

export interface RouteInput<S extends Schemas> {
  request: Request;
  params: Parsed<S, 'params'>;
  query: Parsed<S, 'query'>;
  body: Parsed<S, 'body'>;
}

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

function parse<T extends z.ZodType>(schema: T, value: unknown, where: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details: ErrorDetail[] = result.error.issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  const first = details[0];
  throw new AppError('invalid_request', first ? `${first.path}: ${first.message}` : `Invalid ${where}`, { details });
}

async function readBody(request: Request, maxBytes = MAX_BODY_BYTES, acceptsForm = false): Promise<unknown> {
  const form = acceptsForm && isFormPost(request);
  if (!form && !request.headers.get('content-type')?.toLowerCase().startsWith('application/json')) {
    throw new AppError('unsupported_media_type', 'Send the body as application/json.');
  }
  const bytes = await readCappedBody(
    request,
    maxBytes,
    () => new AppError('payload_too_large', `The body must be at most ${maxBytes / 1024} KB.`),
  );
  const text = new TextDecoder().decode(bytes);
  if (form) return Object.fromEntries(new URLSearchParams(text));
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('invalid_request', 'The body is not valid JSON.');
  }
}

/** A route that declares no body takes none: anything sent is refused after its first byte, unread. */
async function refuseBody(request: Request) {
  if (request.body) await readCappedBody(request, 0, () => new AppError('payload_too_large', 'This request takes no body.'));
}

export function errorResponse(error: AppError) {
  const headers: Record<string, string> = { ...NO_STORE };
  if (error.options.retryAfterSeconds) headers['Retry-After'] = String(error.options.retryAfterSeconds);
  return Response.json(error.toBody(), { status: error.status, headers });
}

/** Names and messages only, never whole error objects: nothing that could carry a header or a key. */
function logFailure(request: Request, error: AppError) {
  const { cause } = error;
  const description = cause instanceof Error ? `${cause.name}: ${cause.message}` : 'no cause';
  console.error(`[api] ${request.method} ${new URL(request.url).pathname} → ${error.code}: ${description}`);
}

export function route<S extends Schemas>(schemas: S, handler: (input: RouteInput<S>) => Promise<Response>) {
  // In the request's scope, so the data access layer's admin checks know who asks.
  return (request: Request, context: RouteContext): Promise<Response> =>
    withRequest(request, async () => {
      try {
        const url = new URL(request.url);
        // The same access policy as proxy.ts, checked again here so no handler depends on the proxy alone (and
        // the data functions check once more where they read).
        if (!isPublicPath(url.pathname)) await verifyAdmin(request);
        assertSameOrigin(request);
        const input = {
          request,
          params: schemas.params ? parse(schemas.params, await context.params, 'params') : undefined,
          query: schemas.query ? parse(schemas.query, Object.fromEntries(url.searchParams), 'query') : undefined,
          body: schemas.body
            ? parse(schemas.body, await readBody(request, schemas.maxBodyBytes, Boolean(schemas.formPost)), 'body')
            : undefined,
        } as RouteInput<S>;
        if (!schemas.body && !schemas.rawBody) await refuseBody(request);
        return await handler(input);
      } catch (error) {
        // The visitor left mid-request; nobody will read a response.
        if (request.signal.aborted) return new Response(null, { status: 499 });
        const appError =
          error instanceof AppError
            ? error
            : new AppError('internal', 'Something went wrong on our side. Please try again.', { cause: error });
        // Server-side failures are the site owner's to fix: keep their cause in the logs, not in the response.
        if (appError.status >= 500) logFailure(request, appError);
        if (schemas.formPost && isFormPost(request)) return schemas.formPost.onError(appError, request);
        return errorResponse(appError);
      }
    });
}

/**
 * Work that must outlive the response (a call's backend tools). Next's `after()` keeps a serverless function
 * alive for it, up to the route's maxDuration; outside a request (a test calling the handler directly) there
 * is no request scope to attach to, so it simply runs on.
 */
export function afterResponse(work: () => Promise<void>) {
  try {
    after(work);
  } catch {
    void work();
  }
}
