import { afterAll, afterEach, beforeAll } from 'vitest';
import { server } from './msw/server';

// Any request that no handler answers fails the test: nothing may reach the network.
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());
