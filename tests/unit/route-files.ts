import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { routeContext } from '@/tests/unit/request';

/** Every route handler under app/, found on disk, so a test over "all routes" cannot miss a new one. */

const APP_DIR = path.resolve(import.meta.dirname, '../../app');
export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type Method = (typeof METHODS)[number];
export type Handler = (request: Request, context: ReturnType<typeof routeContext>) => Promise<Response>;

const SAMPLE_SEGMENTS: Record<string, string> = { id: '00000000-0000-4000-8000-000000000000', roomName: 'x' };

export interface Endpoint {
  /** The route's pattern, as its folder names it: /api/sessions/[id]. */
  pattern: string;
  /** A concrete path for it, dynamic segments filled in. */
  pathname: string;
  params: Record<string, string>;
  method: Method;
  handler: Handler;
}

/** Every file under app/ named `page` or `route` (.ts, .tsx, .js, .mjs), as a path relative to app/. */
export function appFiles(kind: 'page' | 'route'): string[] {
  const name = new RegExp(`(^|[\\\\/])${kind}\\.(ts|tsx|js|mjs)$`);
  return (readdirSync(APP_DIR, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((file) => name.test(file))
    .map((file) => file.split(path.sep).join('/'))
    .sort();
}

export const routeFiles = () => appFiles('route');

/** The URL a page or route file serves: its pattern, a concrete path with its dynamic segments filled in, and those. */
export function toEndpointPath(file: string) {
  // Route groups "(name)" do not appear in the URL.
  const segments = path.posix
    .dirname(file)
    .split('/')
    .filter((segment) => segment !== '.' && !/^\(.*\)$/.test(segment));
  const params: Record<string, string> = {};
  const concrete = segments.map((segment) => {
    const dynamic = /^\[(?:\.\.\.)?([^\]]+)\]$/.exec(segment);
    if (!dynamic) return segment;
    const name = dynamic[1]!;
    params[name] = SAMPLE_SEGMENTS[name] ?? 'x';
    return params[name];
  });
  return { pattern: `/${segments.join('/')}`, pathname: `/${concrete.join('/')}`, params };
}

/** Imports every route file and lists each HTTP method it exports. */
export async function loadEndpoints(): Promise<Endpoint[]> {
  const endpoints: Endpoint[] = [];
  for (const file of routeFiles()) {
    const routeModule = (await import(/* @vite-ignore */ path.join(APP_DIR, file))) as Partial<Record<Method, Handler>>;
    const { pattern, pathname, params } = toEndpointPath(file);
    for (const method of METHODS) {
      const handler = routeModule[method];
      if (typeof handler === 'function') endpoints.push({ pattern, pathname, params, method, handler });
    }
  }
  return endpoints;
}

export const endpointLabel = (endpoint: Endpoint) => `${endpoint.method} ${endpoint.pattern}`;
