/**
 * Cold start: from spawning the server process to the first 200 on /api/health, several runs, median.
 * Measured for `next start` (what `npm start` runs) and for the standalone server the Dockerfile runs
 * (`node .next/standalone/server.js`), both from one production build made with NEXT_OUTPUT=standalone.
 * Each run is a fresh process; the OS file cache is warm after the first, as on a server that restarts.
 *
 * Run: npm run bench:cold-start [-- --no-build] [-- --runs=7]   (E2E_PORT_OFFSET shifts the port)
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  benchPort,
  buildApp,
  BENCH_ADMIN_PASSWORD,
  machine,
  median,
  NEXT_BIN,
  printTable,
  ROOT,
  spawnServer,
  waitForOk,
} from './bench-support';

const RUNS = Number(process.argv.find((arg) => arg.startsWith('--runs='))?.split('=')[1] ?? 7);
const STANDALONE = path.join(ROOT, '.next/standalone/server.js');

async function coldStart(command: string[], port: number, env: Record<string, string>) {
  const server = spawnServer(command, { port, env: { ADMIN_PASSWORD: BENCH_ADMIN_PASSWORD, RUNWAYML_API_SECRET: '', ...env } });
  try {
    // The clock starts before the process exists, so it includes loading Node and Next.
    return await waitForOk(server, '/api/health', { timeoutMs: 30_000 });
  } finally {
    await server.stop();
  }
}

async function main() {
  console.log(`Cold-start benchmark: ${machine()}, ${RUNS} runs each`);
  buildApp({ NEXT_OUTPUT: 'standalone' });
  const port = benchPort(3);
  const servers: Array<[string, () => Promise<number>]> = [
    ['next start', () => coldStart([NEXT_BIN, 'start', '-p', String(port), '-H', '127.0.0.1'], port, {})],
  ];
  if (existsSync(STANDALONE)) {
    servers.push(['standalone server.js', () => coldStart([STANDALONE], port, { PORT: String(port), HOSTNAME: '127.0.0.1' })]);
  } else {
    console.log('(no .next/standalone: build with NEXT_OUTPUT=standalone, or run without --no-build, to measure it)');
  }
  const rows: Array<Array<string | number>> = [];
  for (const [label, run] of servers) {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) times.push(await run());
    rows.push([
      label,
      Math.round(median(times)),
      Math.round(Math.min(...times)),
      Math.round(Math.max(...times)),
      times.map(Math.round).join(' '),
    ]);
  }
  console.log('\nSpawn → first 200 on /api/health (ms)');
  printTable(['server', 'median', 'min', 'max', 'runs'], rows);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
