// npm run test:e2e: make sure Chromium and redis-server exist, build the app with canary secrets, run Playwright.
// The canaries (tests/e2e/canaries.ts) let tests/e2e/secrets.spec.ts prove no secret leaks from the build.
// With --with-unit (what `npm test` passes), the unit tests run while the app builds: most of their time is
// spent waiting on real timers and sockets, so the two overlap well on a small machine.
import { execSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const canaries = Object.fromEntries(
  [...readFileSync('tests/e2e/canaries.ts', 'utf8').matchAll(/(\w+): '([^']+)'/g)].map(([, name, value]) => [name, value]),
);
const run = (command, env = {}) => execSync(command, { stdio: 'inherit', env: { ...process.env, ...env } });

run('node scripts/ensure-browser.mjs');
// The shared-limits tests need a real Redis on loopback (no mock).
const hasRedis = () => {
  try {
    execSync('redis-server --version', { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
if (!hasRedis()) {
  if (existsSync('/etc/debian_version') && process.getuid?.() === 0) {
    run('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server');
  } else {
    console.error(
      'The end-to-end tests need redis-server on the PATH (Debian/Ubuntu: apt install redis-server; macOS: brew install redis).',
    );
    process.exit(1);
  }
}
const buildEnv = { NEXT_TELEMETRY_DISABLED: '1', ADMIN_PASSWORD: canaries.adminPassword, RUNWAYML_API_SECRET: canaries.apiKey };
const args = process.argv.slice(2);
const withUnit = args.includes('--with-unit');
const playwrightArgs = args.filter((arg) => arg !== '--with-unit');

/** Runs a command; resolves with its exit code, and its output when `quiet` (printed by the caller if needed). */
function spawned(command, commandArgs, { env = {}, quiet = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, { stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit', env: { ...process.env, ...env } });
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

if (withUnit) {
  // The build's output waits until the unit tests have printed theirs, so the two do not interleave.
  const [unit, build] = await Promise.all([
    spawned('node', ['node_modules/vitest/vitest.mjs', 'run']),
    spawned('node', ['node_modules/next/dist/bin/next', 'build'], { env: buildEnv, quiet: true }),
  ]);
  process.stdout.write(build.output);
  if (unit.code !== 0 || build.code !== 0) process.exit(unit.code || build.code);
} else {
  run('node node_modules/next/dist/bin/next build', buildEnv);
}
run(`node node_modules/@playwright/test/cli.js test ${playwrightArgs.join(' ')}`);
