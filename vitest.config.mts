import { availableParallelism } from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Two projects, one run: the app's tests (tests/unit, with msw) and the emulator package's own (emulator/,
// its vitest.config.mts, no msw: it is tested over its own sockets).
export default defineConfig({
  test: {
    // Vitest's default (one worker per core, less one) runs a 2-core machine on one worker. Most of these
    // tests wait on real timers, sockets and WebRTC rather than compute, so two workers halve the time there.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      'emulator',
      {
        resolve: {
          alias: {
            '@': import.meta.dirname,
            // `server-only` throws outside React Server Components; tests import server modules directly.
            'server-only': path.resolve(import.meta.dirname, 'tests/stubs/server-only.ts'),
          },
        },
        test: {
          name: 'app',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['tests/setup.ts'],
          restoreMocks: true,
          unstubEnvs: true,
          testTimeout: 15_000,
        },
      },
    ],
  },
});
