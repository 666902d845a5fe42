import { afterAll, afterEach, beforeAll } from 'vitest';
import { server } from './msw/server';

// Any request that no handler answers fails the test: nothing may reach the network.
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

// msw gives its lifecycle events a clone of every mocked response: a tee of the body that nobody reads. A
// tee branch's cancel() settles only once both branches are cancelled, so the SDK's retry, which cancels
// the failed attempt's body before trying again, would wait forever. Cancelling the unread clone lets the
// SDK's retries run in tests as they do against Runway.
server.events.on('response:mocked', ({ response }) => {
  void response.body?.cancel();
});
