import { describe, expect, it } from 'vitest';
import { maxDuration as oneShotMaxDuration } from '@/app/api/avatar/session/route';
import { maxDuration as consumeMaxDuration } from '@/app/api/sessions/[id]/consume/route';
import { parseEnv } from '@/lib/env-schema';

/**
 * The routes that consume serve the call's backend tools from the same request (after()), so a serverless
 * host must let them run as long as the longest session this app can create, or the tools stop mid-call.
 */
describe('the consuming routes’ maxDuration', () => {
  it('covers SESSION_MAX_DURATION_SECONDS at its largest allowed value, which stays within Vercel Hobby’s 300 s', () => {
    const longest = parseEnv({ SESSION_MAX_DURATION_SECONDS: '300' }).SESSION_MAX_DURATION_SECONDS;
    expect(() => parseEnv({ SESSION_MAX_DURATION_SECONDS: String(longest + 1) })).toThrow(/SESSION_MAX_DURATION_SECONDS/);
    for (const routeMax of [consumeMaxDuration, oneShotMaxDuration]) {
      expect(routeMax).toBeGreaterThanOrEqual(longest);
      expect(routeMax).toBeLessThanOrEqual(300);
    }
  });
});
