// npm run test:e2e: make sure Chromium and redis-server exist, build the app with canary secrets, run Playwright.
// The canaries (tests/e2e/canaries.ts) let tests/e2e/secrets.spec.ts prove no secret leaks from the build.
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const canaries = Object.fromEntries(
  [...readFileSync('tests/e2e/canaries.ts', 'utf8').matchAll(/(\w+): '([^']+)'/g)].map(([, name, value]) => [name, value]),
);
const run = (command, env = {}) => execSync(command, { stdio: 'inherit', env: { ...process.env, ...env } });

run('node scripts/ensure-test-tools.mjs');
run('node node_modules/next/dist/bin/next build', {
  NEXT_TELEMETRY_DISABLED: '1',
  ADMIN_PASSWORD: canaries.adminPassword,
  RUNWAYML_API_SECRET: canaries.apiKey,
  ELEVENLABS_API_KEY: canaries.elevenLabsKey,
});
run(`node node_modules/@playwright/test/cli.js test ${process.argv.slice(2).join(' ')}`);
