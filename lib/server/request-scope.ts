import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import { processState } from '@/lib/server/process-state';

/**
 * The request a route handler is serving, for code far below it that must know who asks (the data access
 * layer's admin check). `route()` sets it; inside a page render there is none, and Next's own `cookies()`
 * answers instead.
 */
const scope = processState('request-scope', () => new AsyncLocalStorage<Request>());

export const withRequest = <T>(request: Request, work: () => T): T => scope.run(request, work);

export const currentRequest = (): Request | undefined => scope.getStore();
