// Runs Lighthouse for bench-lighthouse.ts, in plain Node: under tsx, esbuild's keepNames rewrites the
// functions Lighthouse sends into the page as source text, and they fail there ("__name is not defined").
// Input: argv[2] = JSON { chromePath, chromeFlags, reportsDir, runs: [{ url, label, preset, cookie? }] }.
// Output: one JSON line on stdout, a summary per run; the full HTML reports go to reportsDir.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { desktopConfig, generateReport } from 'lighthouse';

const { chromePath, chromeFlags, reportsDir, runs } = JSON.parse(process.argv[2]);
const score = (lhr, category) => Math.round((lhr.categories[category]?.score ?? 0) * 100);

/** The audits that cost points, with Lighthouse's own one-line value. */
const failing = (lhr, category) =>
  (lhr.categories[category]?.auditRefs ?? [])
    .filter((ref) => ref.weight > 0)
    .map((ref) => lhr.audits[ref.id])
    .filter((audit) => audit.score !== null && audit.score < 0.9)
    .map((audit) => `${audit.id}${audit.displayValue ? ` (${audit.displayValue})` : ''}`);

const chrome = await chromeLauncher.launch({ chromePath, chromeFlags });
const summaries = [];
try {
  for (const run of runs) {
    const flags = {
      port: chrome.port,
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices'],
      extraHeaders: run.cookie ? { Cookie: run.cookie } : undefined,
    };
    const { lhr } = await lighthouse(run.url, flags, run.preset === 'desktop' ? desktopConfig : undefined);
    const report = `${run.label.replace(/\W+/g, '-').replace(/^-|-$/g, '') || 'home'}-${run.preset}.html`;
    writeFileSync(path.join(reportsDir, report), generateReport(lhr, 'html'));
    writeFileSync(path.join(reportsDir, report.replace(/html$/, 'json')), JSON.stringify(lhr));
    const metric = (id) => lhr.audits[id]?.displayValue ?? '—';
    summaries.push({
      ...run,
      cookie: undefined,
      report,
      scores: {
        performance: score(lhr, 'performance'),
        accessibility: score(lhr, 'accessibility'),
        bestPractices: score(lhr, 'best-practices'),
      },
      metrics: {
        fcp: metric('first-contentful-paint'),
        lcp: metric('largest-contentful-paint'),
        tbt: metric('total-blocking-time'),
        cls: metric('cumulative-layout-shift'),
      },
      failing: { performance: failing(lhr, 'performance'), accessibility: failing(lhr, 'accessibility') },
      runtimeError: lhr.runtimeError?.message,
      // Lighthouse's measure of this machine's CPU; below about 1000, its simulated mobile numbers run long.
      benchmarkIndex: lhr.environment.benchmarkIndex,
    });
  }
} finally {
  await chrome.kill();
}
console.log(JSON.stringify(summaries));
