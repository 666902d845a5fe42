import type { z } from 'zod';

/** Runway's error body: a message, plus zod-style issues for validation failures. */
export function runwayError(status: number, message: string, extra: Record<string, unknown> = {}, headers?: HeadersInit) {
  return Response.json({ error: message, ...extra }, { status, headers });
}

export class EmulatorHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers?: HeadersInit,
  ) {
    super(message);
  }

  toResponse() {
    return runwayError(this.status, this.message, this.extra, this.headers);
  }
}

export const notFound = (what: string) => new EmulatorHttpError(404, `${what} not found`);

export async function readJson(request: Request): Promise<unknown> {
  if (!request.headers.get('content-type')?.includes('application/json')) {
    throw new EmulatorHttpError(400, 'Incorrect content type');
  }
  try {
    return await request.json();
  } catch {
    throw new EmulatorHttpError(400, 'Invalid JSON body');
  }
}

export function validate<T extends z.ZodType>(schema: T, value: unknown, where: 'body' | 'query'): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map(({ code, path, message }) => ({ code, path, message }));
  const first = issues[0];
  const message = first?.message ?? `Invalid ${where}`;
  throw new EmulatorHttpError(400, message, { issues });
}
