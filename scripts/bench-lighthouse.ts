/**
 * Lighthouse on the production build: the `lighthouse` package driving the same Chromium the end-to-end
 * tests use (chrome-launcher, headless), against `next start` in emulator mode beside the Runway emulator (the
 * runway-emulator package, its own process). Pages: home, the call page
 * in its pre-join state, and the admin pages that exist (signed in through /api/auth/login; the cookie
 * goes in Lighthouse's extraHeaders). Both of Lighthouse's presets run: mobile (its default: an emulated
 * phone on slow 4G with a 4× CPU slowdown, simulated) and desktop.
 *
 * A bare Next.js 16 page, built in the same run, is scored first: it shows what this machine allows,
 * because Lighthouse's mobile preset multiplies the host's own CPU time (see benchmarkIndex).
 *
 * Targets: performance ≥ 95 and accessibility 100. The audits that cost points are listed, and the full
 * HTML reports are written to .bench/lighthouse/. Lighthouse itself runs in scripts/bench-lighthouse-run.mjs,
 * in plain Node (see there why).
 *
 * Lighthouse 12 rather than 13: 13 needs Node 22.19 or later, and this starter supports Node 20.9+.
 * Each page and preset runs --runs times (3 by default) and the run with the median performance score is
 * reported, as Lighthouse's docs advise for scores that vary from run to run.
 *
 * Run: npm run bench:lighthouse [-- --no-build] [-- --pages=/,/avatars] [-- --runs=5]   (E2E_PORT_OFFSET shifts the port)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  adminCookie,
  BARE_DIR,
  benchPort,
  buildApp,
  buildBareApp,
  CHROMIUM,
  CHROMIUM_FLAGS,
  machine,
  pageExists,
  printTable,
  ROOT,
  startAppOnEmulator,
  startNext,
  waitForOk,
  withServers,
} from './bench-support';

const REPORTS = path.join(ROOT, '.bench/lighthouse');
const RUNS = Number(process.argv.find((arg) => arg.startsWith('--runs='))?.split('=')[1] ?? 3);
const ONLY = process.argv
  .find((arg) => arg.startsWith('--pages='))
  ?.slice('--pages='.length)
  .split(',');
const TARGETS = { performance: 95, accessibility: 100 };
const PAGES: Array<{ path: string; admin?: boolean }> = [
  { path: '/' },
  { path: '/call/cat-character' },
  { path: '/examples/minimal' },
  { path: '/login' },
  { path: '/avatars', admin: true },
  { path: '/history', admin: true },
  { path: '/usage', admin: true },
];

interface Summary {
  label: string;
  preset: 'mobile' | 'desktop';
  scores: { performance: number; accessibility: number; bestPractices: number };
  metrics: { fcp: string; lcp: string; tbt: string; cls: string };
  failing: { performance: string[]; accessibility: string[] };
  runtimeError?: string;
  benchmarkIndex: number;
}

async function main() {
  const { version } = JSON.parse(readFileSync(path.join(ROOT, 'node_modules/lighthouse/package.json'), 'utf8')) as { version: string };
  console.log(`Lighthouse benchmark: ${machine()}, lighthouse ${version}`);
  if (!CHROMIUM) throw new Error('No Chromium: set CHROMIUM_PATH (npm run test:e2e installs one).');
  buildApp();
  buildBareApp();
  const bare = startNext(benchPort(5), {}, BARE_DIR);
  const onEmulator = await startAppOnEmulator({ apps: [{ port: benchPort(4), env: { PUBLIC_AVATAR_IDS: '*' } }] });
  const app = onEmulator.apps[0]!;
  mkdirSync(REPORTS, { recursive: true });

  await withServers([bare, ...onEmulator.servers], async () => {
    await Promise.all([waitForOk(bare, '/'), onEmulator.ready()]);
    const cookie = await adminCookie(app.origin);
    const pages: Array<{ url: string; label: string; cookie?: string }> = [{ url: `${bare.origin}/`, label: 'bare Next.js page' }];
    for (const page of PAGES.filter((candidate) => !ONLY || ONLY.includes(candidate.path))) {
      const pageCookie = page.admin ? cookie : undefined;
      if (!(await pageExists(app.origin, page.path, pageCookie))) {
        console.log(`(skipped ${page.path}: not in this build)`);
        continue;
      }
      pages.push({ url: app.origin + page.path, label: `${page.path}${page.admin ? ' (admin)' : ''}`, cookie: pageCookie });
    }
    const runs = pages.flatMap((page) =>
      ['mobile', 'desktop'].flatMap((preset) => Array.from({ length: RUNS }, () => ({ ...page, preset }))),
    );
    const input = JSON.stringify({ chromePath: CHROMIUM, chromeFlags: CHROMIUM_FLAGS, reportsDir: REPORTS, runs });
    const output = execFileSync(process.execPath, [path.join(ROOT, 'scripts/bench-lighthouse-run.mjs'), input], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 1024 * 1024,
    });
    const all = JSON.parse(output.trim().split('\n').at(-1)!) as Summary[];
    // Per page and preset, the run with the median performance score, and every run's score.
    const summaries = [...groupByPage(all).values()].map((group) => {
      const sorted = [...group].sort((a, b) => a.scores.performance - b.scores.performance);
      return { ...sorted[Math.floor((sorted.length - 1) / 2)]!, all: group.map((run) => run.scores.performance) };
    });

    console.log(`\nLighthouse, median of ${RUNS} runs (the last run's full reports are in .bench/lighthouse/)`);
    printTable(
      ['page', 'preset', 'perf', 'perf runs', 'a11y', 'best pr.', 'FCP', 'LCP', 'TBT', 'CLS', 'CPU index'],
      summaries.map(({ label, preset, scores, metrics, benchmarkIndex, all: runs }) => [
        label,
        preset,
        scores.performance,
        runs.join(' '),
        scores.accessibility,
        scores.bestPractices,
        metrics.fcp,
        metrics.lcp,
        metrics.tbt,
        metrics.cls,
        Math.round(benchmarkIndex),
      ]),
    );
    console.log(`Targets: performance ≥ ${TARGETS.performance}, accessibility ${TARGETS.accessibility}`);
    const findings = summaries
      .slice(2)
      .flatMap((summary) =>
        (['performance', 'accessibility'] as const)
          .filter((category) => summary.scores[category] < TARGETS[category])
          .map(
            (category) =>
              `${summary.label} ${summary.preset} ${category} ${summary.scores[category]}: ${summary.failing[category].join(', ') || summary.runtimeError || 'no single audit below 0.9'}`,
          ),
      );
    if (findings.length) {
      console.log(`MISSED:\n${findings.map((finding) => `  - ${finding}`).join('\n')}`);
      process.exitCode = 1;
    } else {
      console.log('All targets met.');
    }
  });
}

/** Runs by page and preset, in order (Map.groupBy needs Node 21). */
function groupByPage(runs: Summary[]) {
  const groups = new Map<string, Summary[]>();
  for (const run of runs) {
    const key = `${run.label}|${run.preset}`;
    groups.set(key, [...(groups.get(key) ?? []), run]);
  }
  return groups;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
