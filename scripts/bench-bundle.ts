/**
 * JavaScript weight: gzip first-load JS per route of the production build, against a bare Next.js page
 * built in the same run with the same next/react, and where the Runway/LiveKit call SDK loads.
 *
 * Why a browser and not the build's manifests: Next 16 with Turbopack no longer prints per-route sizes, and
 * its manifests list chunks per entry without saying which ones a page actually requests (shared runtime,
 * polyfills, the chunks next/dynamic fetches later). So each page is loaded in headless Chromium from
 * `next start`, and every JavaScript response is recorded and gzipped (level 9, like Next's old table):
 *   - first load: the scripts requested before the `load` event (the page's own JS; modern browsers skip
 *     the nomodule polyfill chunk, so it is not counted);
 *   - at idle: everything by network idle, including what the page prefetches for its links.
 * The SDK is recognised by its content (LiveKit's protobuf type names, the Runway React SDK's own error
 * text), not by chunk names, which are content hashes.
 *
 * The app runs in emulator mode beside the Runway emulator (the runway-emulator package, its own process),
 * so a started call really connects. The call page is then driven as a person would: load it, check that no SDK was fetched, press
 * the button that starts a call or opens the pre-join check, and see the SDK arrive.
 *
 * Pages that do not exist yet (for example /avatars before the management pages land) are skipped.
 * Exits 1 when a budget is clearly missed: home > 1.1× bare, or the SDK where it must not be.
 *
 * Run: npm run bench:bundle [-- --no-build]   (E2E_PORT_OFFSET shifts the ports)
 */
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from '@playwright/test';
import {
  adminCookie,
  BARE_DIR,
  benchPort,
  buildBareApp,
  buildApp,
  CHROMIUM,
  machine,
  pageExists,
  printTable,
  startAppOnEmulator,
  startNext,
  waitForOk,
  withServers,
} from './bench-support';

const BUDGET_RATIO = 1.1;
/** The embed launcher other sites load: 4 KiB gzipped at most (docs/embed.md). */
const EMBED_SCRIPT_BUDGET = 4096;
const CALL_AVATAR = 'cat-character';

/** Strings only the call SDK's code contains. */
const SDK_MARKERS = [/makeMessageType\("livekit\./, /AvatarCall requires one of/];
const isSdk = (source: string) => SDK_MARKERS.some((marker) => marker.test(source));

interface Script {
  url: string;
  gzip: number;
  sdk: boolean;
}

/** Records every JavaScript response a page receives, gzipped, in order. */
function recordScripts(page: Page) {
  const scripts = new Map<string, Promise<Script>>();
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script' || scripts.has(response.url())) return;
    scripts.set(
      response.url(),
      response
        .body()
        .then((body) => ({ url: response.url(), gzip: gzipSync(body, { level: 9 }).byteLength, sdk: isSdk(body.toString('utf8')) })),
    );
  });
  return async () => Promise.all(scripts.values());
}

const kB = (bytes: number) => (bytes / 1000).toFixed(1);
const sum = (scripts: Script[]) => scripts.reduce((total, script) => total + script.gzip, 0);

interface Measurement {
  label: string;
  firstLoad: Script[];
  atIdle: Script[];
  /** After pressing the call's start button, when the page has one. */
  afterStart?: Script[];
}

async function measure(
  browser: Browser,
  label: string,
  url: string,
  options: { cookie?: string; start?: boolean } = {},
): Promise<Measurement> {
  const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
  if (options.cookie) {
    const [name, value] = options.cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url }]);
  }
  const page = await context.newPage();
  const scripts = recordScripts(page);
  await page.goto(url, { waitUntil: 'load' });
  const firstLoad = await scripts();
  await page.waitForLoadState('networkidle');
  const atIdle = await scripts();
  let afterStart: Script[] | undefined;
  if (options.start) {
    // "Start call" today; the new call UI may open a pre-join check first. Press what is offered until the
    // SDK arrives or nothing more is offered.
    for (let step = 0; step < 3 && !(await scripts()).some((script) => script.sdk); step++) {
      const button = page.getByRole('button', { name: /start call|check (your )?(camera|mic|devices)|join|start/i }).first();
      if (!(await button.isVisible().catch(() => false))) break;
      await button.click();
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(step === 0 ? 5000 : 2000);
    }
    afterStart = await scripts();
  }
  await context.close();
  return { label, firstLoad, atIdle, afterStart };
}

async function main() {
  console.log(`Bundle benchmark: ${machine()}`);
  buildApp();
  buildBareApp();

  const bare = startNext(benchPort(0), {}, BARE_DIR);
  const onEmulator = await startAppOnEmulator({
    emulatorEnv: { EMULATOR_READY_MS: '1000', EMULATOR_QUEUED_MS: '200' },
    apps: [{ port: benchPort(1), env: { PUBLIC_AVATAR_IDS: '*', RATE_LIMIT_SESSIONS_PER_MINUTE: '1000' } }],
  });
  const app = onEmulator.apps[0]!;

  let embedScript: { status: number; gzip: number } | undefined;
  const results = await withServers([bare, ...onEmulator.servers], async () => {
    await Promise.all([waitForOk(bare, '/'), onEmulator.ready()]);
    const cookie = await adminCookie(app.origin);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--no-sandbox'],
    });
    try {
      const measured: Measurement[] = [await measure(browser, 'bare Next.js 16 page', `${bare.origin}/`)];
      const pages: Array<{ path: string; admin?: boolean; start?: boolean }> = [
        { path: '/' },
        { path: '/login' },
        { path: `/call/${CALL_AVATAR}`, start: true },
        // The call in another site's iframe (docs/embed.md): the same call code, so no heavier than the call page.
        { path: `/embed/${CALL_AVATAR}`, start: true },
        { path: '/examples/minimal', start: true },
        { path: '/avatars', admin: true },
        { path: '/history', admin: true },
        { path: '/usage', admin: true },
      ];
      for (const page of pages) {
        const pageCookie = page.admin ? cookie : undefined;
        if (!(await pageExists(app.origin, page.path, pageCookie))) {
          console.log(`(skipped ${page.path}: not in this build)`);
          continue;
        }
        measured.push(
          await measure(browser, page.path + (page.admin ? ' (admin)' : ''), app.origin + page.path, {
            cookie: pageCookie,
            start: page.start,
          }),
        );
      }
      const launcher = await fetch(`${app.origin}/embed.js`);
      embedScript = { status: launcher.status, gzip: gzipSync(Buffer.from(await launcher.arrayBuffer()), { level: 9 }).byteLength };
      return measured;
    } finally {
      await browser.close();
    }
  });

  console.log('\nGzipped JavaScript per page (kB = 1000 bytes; first load = scripts before the load event)');
  printTable(
    ['page', 'first load kB', 'scripts', 'at idle kB', 'SDK at idle', 'after start kB', 'SDK after start'],
    results.map(({ label, firstLoad, atIdle, afterStart }) => [
      label,
      kB(sum(firstLoad)),
      firstLoad.length,
      kB(sum(atIdle)),
      atIdle.some((script) => script.sdk) ? 'YES' : 'no',
      afterStart ? kB(sum(afterStart)) : '—',
      afterStart
        ? afterStart.some((script) => script.sdk)
          ? `yes (+${kB(sum(afterStart.filter((script) => script.sdk)))} kB)`
          : 'no'
        : '—',
    ]),
  );

  const problems: string[] = [];
  const [baseline, ...pages] = results as [Measurement, ...Measurement[]];
  const home = pages.find((page) => page.label === '/');
  if (home) {
    const ratio = sum(home.firstLoad) / sum(baseline.firstLoad);
    const verdict = ratio <= BUDGET_RATIO ? 'PASS' : 'MISS';
    console.log(`\nHome first load = ${ratio.toFixed(3)}× the bare page (budget ≤ ${BUDGET_RATIO}×)  ${verdict}`);
    if (verdict === 'MISS') problems.push(`the home page's first load is ${ratio.toFixed(2)}× the bare page`);
  }
  for (const page of pages) {
    if (page.atIdle.some((script) => script.sdk)) problems.push(`${page.label} loads the call SDK before any interaction`);
  }
  const call = pages.find((page) => page.label.startsWith('/call/'));
  if (call) {
    const loaded = call.afterStart?.some((script) => script.sdk);
    console.log(
      `Call page: SDK before interaction: no; after pressing start: ${loaded ? 'yes' : 'NO (not loaded: check the button names)'}`,
    );
  }
  const embed = pages.find((page) => page.label.startsWith('/embed/'));
  if (call && embed) {
    const ratio = sum(embed.firstLoad) / sum(call.firstLoad);
    console.log(
      `Embed page first load = ${kB(sum(embed.firstLoad))} kB, ${ratio.toFixed(3)}× the call page's ${kB(sum(call.firstLoad))} kB (budget ≤ 1×)  ${ratio <= 1 ? 'PASS' : 'MISS'}`,
    );
    if (ratio > 1) problems.push(`the embed page's first load is ${ratio.toFixed(2)}× the call page's`);
  }
  if (embedScript) {
    const verdict = embedScript.status === 200 && embedScript.gzip <= EMBED_SCRIPT_BUDGET ? 'PASS' : 'MISS';
    console.log(`embed.js: ${(embedScript.gzip / 1024).toFixed(2)} KiB gzipped (budget ≤ 4 KiB), HTTP ${embedScript.status}  ${verdict}`);
    if (verdict === 'MISS') problems.push(`embed.js is ${embedScript.gzip} bytes gzipped (HTTP ${embedScript.status})`);
  }
  if (problems.length) {
    console.log(`\nMISSED:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    process.exitCode = 1;
  } else {
    console.log('\nNo page loads the call SDK before the visitor asks for a call.');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
