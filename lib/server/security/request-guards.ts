import 'server-only';
import { AppError } from '@/lib/errors';

/**
 * Who is asking, and from where: the last X-Forwarded-For entry, the address that the proxy in front
 * (Vercel, or your reverse proxy) saw. Earlier entries come from the client and can be forged.
 */
export function clientKey(request: Request) {
  const forwarded = request.headers.get('x-forwarded-for')?.split(',').at(-1)?.trim();
  return forwarded || request.headers.get('x-real-ip') || 'local';
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
