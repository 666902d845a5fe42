// Makes sure Playwright has a Chromium to drive, before `npm run test:e2e`.
// Order: $CHROMIUM_PATH, Debian's /usr/bin/chromium (installed with apt-get when running as root on Debian),
// then Playwright's own download for everyone else.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const run = (command) => execSync(command, { stdio: 'inherit' });

if (process.env.CHROMIUM_PATH) {
  if (!existsSync(process.env.CHROMIUM_PATH)) {
    console.error(`CHROMIUM_PATH is set to ${process.env.CHROMIUM_PATH}, which does not exist.`);
    process.exit(1);
  }
} else if (!existsSync('/usr/bin/chromium')) {
  const debianRoot = existsSync('/etc/debian_version') && process.getuid?.() === 0;
  if (debianRoot) {
    console.log('Installing Debian chromium for the end-to-end tests…');
    run('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium');
  } else {
    console.log('Installing Playwright Chromium for the end-to-end tests…');
    run('npx playwright install chromium');
  }
}
