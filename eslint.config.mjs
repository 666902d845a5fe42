import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

const config = [
  ...nextVitals,
  ...nextTypescript,
  {
    ignores: ['.bench/**', '.next/**', 'node_modules/**', 'next-env.d.ts', 'test-results/**', 'playwright-report/**'],
  },
  {
    rules: {
      // Only the env modules may read process.env (see docs/architecture.md).
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through lib/server/env.ts.' },
      ],
    },
  },
  {
    // The browser side never imports server modules (the key lives there); server files in app/ may.
    files: ['components/**', 'lib/*.ts', 'lib/schemas/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@/lib/server/*', '@/lib/server/**'], message: 'Browser-side code must not import server modules.' }] },
      ],
    },
  },
  {
    files: [
      'lib/env-schema.ts',
      'lib/server/env.ts',
      'next.config.ts',
      'instrumentation.ts',
      'instrumentation-node.ts',
      'proxy.ts',
      'playwright.config.ts',
      'vitest.config.mts',
      'scripts/**',
      'tests/**',
      // The emulator is its own process with its own configuration schema (emulator/src/config.ts).
      'emulator/**',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
];

export default config;
