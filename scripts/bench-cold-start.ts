/**
 * Cold start: from spawning the server process to the first 200 on /api/health, several runs, median.
 * Measured for `next start` (what `npm start` runs) and for the standalone server the Dockerfile runs
 * (`node .next/standalone/server.js`), both from one production build made with NEXT_OUTPUT=standalone.
 * Each run is a fresh process; the OS file cache is warm after the first, as on a server that restarts.
 *
 * The app runs in live mode, as deployed: a Runway key and RUNWAYML_BASE_URL (an unused loopback port, since
 * /api/health makes no Runway call). --emulator instead starts the Runway emulator (the runway-emulator
 * package, its own process) once, and each server in emulator mode beside it; the clock covers the app only.
 *
 * Run: npm run bench:cold-start [-- --no-build] [-- --runs=7] [-- --emulator]   (E2E_PORT_OFFSET shifts the port)
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  benchPort,
  buildApp,
  BENCH_ADMIN_PASSWORD,
  emulatorModeEnv,
  machine,
  median,
  NEXT_BIN,
  printTable,
  ROOT,
  spawnServer,
  startEmulator,
  waitForEmulator,
  waitForOk,
  withServers,
  type Server,
} from './bench-support';

const RUNS = Number(process.argv.find((arg) => arg.startsWith('--runs='))?.split('=')[1] ?? 7);
const STANDALONE = path.join(ROOT, '.next/standalone/server.js');
const ON_EMULATOR = process.argv.includes('--emulator');
/** Live mode: a key, and a base URL nothing listens on (port 9, discard), which /api/health never calls. */
const LIVE_ENV = { RUNWAYML_API_SECRET: 'key_bench_cold_start_0000', RUNWAYML_BASE_URL: 'http://127.0.0.1:9' };

async function coldStart(command: string[], port: number, env: Record<string, string>) {
  const server = spawnServer(command, { port, env: { ADMIN_PASSWORD: BENCH_ADMIN_PASSWORD, ...env } });
  try {
    // The clock starts before the process exists, so it includes loading Node and Next.
    const elapsed = await waitForOk(server, '/api/health', { timeoutMs: 30_000 });
    const { mode } = (await (await fetch(`${server.origin}/api/health`)).json()) as { mode: string };
    if (mode !== (ON_EMULATOR ? 'emulator' : 'live')) throw new Error(`The server came up in ${mode} mode`);
    return elapsed;
  } finally {
    await server.stop();
  }
}

async function main() {
  console.log(
    `Cold-start benchmark: ${machine()}, ${RUNS} runs each, ${ON_EMULATOR ? 'emulator mode (beside the emulator)' : 'live mode'}`,
  );
  buildApp({ NEXT_OUTPUT: 'standalone' });
  const emulator = ON_EMULATOR ? startEmulator() : undefined;
  await withServers(emulator ? [emulator] : [], () => measure(emulator));
}

async function measure(emulator: Server | undefined) {
  if (emulator) await waitForEmulator(emulator);
  const modeEnv = emulator ? await emulatorModeEnv() : LIVE_ENV;
  const port = benchPort(3);
  const servers: Array<[string, () => Promise<number>]> = [
    ['next start', () => coldStart([NEXT_BIN, 'start', '-p', String(port), '-H', '127.0.0.1'], port, modeEnv)],
  ];
  if (existsSync(STANDALONE)) {
    servers.push(['standalone server.js', () => coldStart([STANDALONE], port, { ...modeEnv, PORT: String(port), HOSTNAME: '127.0.0.1' })]);
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
