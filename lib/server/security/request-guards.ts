import 'server-only';
import { isIPv6 } from 'node:net';
// The subpath: the package's index also loads its OIDC and cache helpers, which this does not need.
import { ipAddress } from '@vercel/functions/headers';
import { AppError } from '@/lib/errors';
import { getEnv } from '@/lib/server/env';

/** The one client that every visitor is when the server cannot tell them apart (see clientKey). */
export const SHARED_CLIENT = 'everyone';

/**
 * Who is asking, for per-client allowances (session starts, admin sign-in). Like Express's `trust proxy`,
 * a header counts only where something trusted wrote it:
 * - on Vercel, the address Vercel's network saw (it overwrites x-real-ip, whatever the client sent);
 * - with TRUSTED_PROXY_HOPS=N, the Nth X-Forwarded-For entry from the right: each proxy appends the address
 *   it saw, so entries to the left of that one are the client's own writing. A request with fewer entries
 *   did not come through every proxy, and counts as one shared client;
 * - otherwise (a server reached directly) no header at all: every visitor is the same client.
 * A client can rotate what it writes but never what a trusted proxy appended, so rotating the header never
 * multiplies an allowance. An IPv6 address counts by its /64, the block one host is usually given.
 */
export function clientKey(request: Request): string {
  const env = getEnv();
  if (env.ON_VERCEL) return network(ipAddress(request)) ?? SHARED_CLIENT;
  const hops = env.TRUSTED_PROXY_HOPS;
  if (hops === 0) return SHARED_CLIENT;
  const entries = request.headers.get('x-forwarded-for')?.split(',') ?? [];
  return network(entries.length >= hops ? entries[entries.length - hops] : undefined) ?? SHARED_CLIENT;
}

function network(address: string | undefined) {
  const trimmed = address?.trim();
  if (!trimmed) return undefined;
  if (!isIPv6(trimmed) || trimmed.includes('.')) return trimmed;
  // Expand "::" and keep the first four groups.
  const [head = '', tail] = trimmed.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => Number.parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses state-changing requests that a browser sent from another site (CSRF). Browsers label every
 * request with Sec-Fetch-Site or Origin; clients without either are not browsers, so not a CSRF vector.
 */
export function assertSameOrigin(request: Request) {
  if (SAFE_METHODS.has(request.method)) return;
  const site = request.headers.get('sec-fetch-site');
  if (site) {
    if (site === 'same-origin' || site === 'none') return;
    throw new AppError('forbidden', 'Cross-site requests are not allowed.');
  }
  const origin = request.headers.get('origin');
  if (!origin) return;
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host') ?? new URL(request.url).host;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new AppError('forbidden', 'Cross-site requests are not allowed.');
  }
  if (originHost !== host) throw new AppError('forbidden', 'Cross-site requests are not allowed.');
}
