// Makes sure the tests have what they run against, before the first test that needs it (npm run test:unit
// and test:e2e both start here): a Chromium for Playwright, and redis-server, which the shared-limit tests
// start on loopback (a real Redis, no mock). As root on Debian, missing ones are installed with apt-get;
// anyone else is told exactly what to install. Chromium: $CHROMIUM_PATH, Debian's /usr/bin/chromium, then
// Playwright's own download.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const run = (command) => execSync(command, { stdio: 'inherit' });
const debianRoot = existsSync('/etc/debian_version') && process.getuid?.() === 0;

function hasCommand(command) {
  try {
    execSync(`${command} --version`, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const missing = [];
if (process.env.CHROMIUM_PATH) {
  if (!existsSync(process.env.CHROMIUM_PATH)) {
    console.error(`CHROMIUM_PATH is set to ${process.env.CHROMIUM_PATH}, which does not exist.`);
    process.exit(1);
  }
} else if (!existsSync('/usr/bin/chromium')) {
  if (debianRoot) missing.push('chromium');
  else {
    console.log('Installing Playwright Chromium for the end-to-end tests…');
    run('npx playwright install chromium');
  }
}
if (!hasCommand('redis-server')) {
  if (debianRoot) missing.push('redis-server');
  else {
    console.error(
      'The tests need redis-server on the PATH (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis; Fedora: sudo dnf install redis).',
    );
    process.exit(1);
  }
}
if (missing.length) {
  console.log(`Installing ${missing.join(' and ')} for the tests (apt-get)…`);
  run(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(' ')}`);
}
