/**
 * What the production benchmarks (bench-bundle, bench-lighthouse, bench-load, bench-cold-start) share:
 * building the app, starting `next start` (and the Runway emulator over HTTP) on loopback ports that
 * E2E_PORT_OFFSET shifts, signing in as the admin, and percentiles.
 *
 * Servers are started as `node node_modules/next/dist/bin/next start` and stopped by their pid: `npx next`
 * would leave a next-server child behind.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const NEXT_BIN = path.join(ROOT, 'node_modules/next/dist/bin/next');
/** The admin password the benchmarks build and serve with (production requires one). */
export const BENCH_ADMIN_PASSWORD = 'bench-admin-password-0000';
/** A production server will not start without AUTH_SECRET; every benchmark server shares this one. */
export const BENCH_AUTH_SECRET = 'bench-auth-secret-0000000000000000000';

/** Benchmark ports: 3300–3309 and 4020 (and 6400 for bench:load's Redis), shifted by E2E_PORT_OFFSET like the end-to-end servers. */
const offset = Number(process.env.E2E_PORT_OFFSET ?? 0);
export const benchPort = (slot: number) => 3300 + offset + slot;
export const emulatorPort = () => 4020 + offset;

export const CHROMIUM = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
];

export function machine() {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `node ${process.version}, ${availableParallelism()} vCPUs (${cpu}), ${Math.round(totalmem() / 2 ** 30)} GB, ${process.platform}/${process.arch}, ${load()}`;
}

/** Other work on the machine skews every number: say how busy it was. */
export const load = () => `load average ${loadavg()[0]!.toFixed(1)} (1 min)`;

export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

export const median = (values: number[]) => percentile(values, 50);

/** A fixed-width table: first column left-aligned, the rest right-aligned. */
export function printTable(header: string[], rows: Array<Array<string | number>>) {
  const cells = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? '').length)));
  for (const [index, row] of cells.entries()) {
    console.log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  '));
    if (index === 0) console.log(widths.map((width) => '─'.repeat(width)).join('  '));
  }
}

const flag = (name: string) => process.argv.includes(name);

/**
 * `next build` with a production admin password, unless `--no-build` asks to reuse .next (for example right
 * after another benchmark built it).
 */
export function buildApp(extraEnv: Record<string, string> = {}) {
  if (flag('--no-build') && existsSync(path.join(ROOT, '.next/BUILD_ID'))) {
    console.log('Reusing the existing production build (.next)');
    return;
  }
  console.log('Building the app (next build)…');
  execFileSync(process.execPath, [NEXT_BIN, 'build'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ADMIN_PASSWORD: BENCH_ADMIN_PASSWORD, ...extraEnv },
  });
}

export const BARE_DIR = path.join(ROOT, '.bench/bare-next');

/**
 * A bare App Router app: one server-rendered page, no client components. It lives inside the repository
 * (gitignored) because Turbopack refuses a node_modules symlinked from outside the project; from here it
 * resolves this repository's own next and react.
 */
export function buildBareApp() {
  rmSync(BARE_DIR, { recursive: true, force: true });
  mkdirSync(path.join(BARE_DIR, 'app'), { recursive: true });
  writeFileSync(path.join(BARE_DIR, 'package.json'), '{ "private": true }\n');
  writeFileSync(path.join(BARE_DIR, 'next.config.mjs'), `export default { turbopack: { root: ${JSON.stringify(ROOT)} } };\n`);
  writeFileSync(
    path.join(BARE_DIR, 'app/layout.jsx'),
    'export default function RootLayout({ children }) {\n  return <html lang="en"><body>{children}</body></html>;\n}\n',
  );
  writeFileSync(path.join(BARE_DIR, 'app/page.jsx'), 'export default function Page() {\n  return <h1>Hello</h1>;\n}\n');
  console.log('Building the bare Next.js app (.bench/bare-next)…');
  execFileSync(process.execPath, [NEXT_BIN, 'build'], {
    cwd: BARE_DIR,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
}

export interface Server {
  origin: string;
  child: ChildProcess;
  /** Everything the process wrote, for the error message when it dies. */
  output: () => string;
  stop: () => Promise<void>;
}

/** Spawns a server process (node unless `executable` names another), keeps its output, and stops it (and only it) by pid. */
export function spawnServer(
  command: string[],
  options: { port: number; env: Record<string, string>; cwd?: string; executable?: string; scheme?: string },
): Server {
  const child = spawn(options.executable ?? process.execPath, command, {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', AUTH_SECRET: BENCH_AUTH_SECRET, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    origin: `${options.scheme ?? 'http'}://127.0.0.1:${options.port}`,
    child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(5000).then(() => child.kill('SIGKILL'))]);
    },
  };
}

/** `next start` for the app in `cwd` (this repository by default), on loopback. */
export function startNext(port: number, env: Record<string, string>, cwd = ROOT, nodeArgs: string[] = []): Server {
  return spawnServer([...nodeArgs, NEXT_BIN, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    port,
    cwd,
    env: { ADMIN_PASSWORD: BENCH_ADMIN_PASSWORD, ...env },
  });
}

/** The Runway API emulator over HTTP (scripts/emulator-server.ts), for the app in live mode. */
export function startEmulator(env: Record<string, string> = {}): Server {
  const port = emulatorPort();
  return spawnServer([path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), '--conditions=react-server', 'scripts/emulator-server.ts'], {
    port,
    env: { EMULATOR_PORT: String(port), ...env },
  });
}

/** Polls `pathname` until it answers 200 (or, with `anyStatus`, anything); returns the milliseconds that took. */
export async function waitForOk(server: Server, pathname: string, { timeoutMs = 60_000, anyStatus = false } = {}) {
  const started = performance.now();
  for (;;) {
    if (server.child.exitCode !== null) throw new Error(`The server exited early:\n${server.output()}`);
    try {
      const response = await fetch(server.origin + pathname);
      await response.arrayBuffer();
      if (response.ok || anyStatus) return performance.now() - started;
    } catch {
      // Not listening yet.
    }
    if (performance.now() - started > timeoutMs)
      throw new Error(`${server.origin}${pathname} did not answer 200 in ${timeoutMs} ms:\n${server.output()}`);
    await sleep(10);
  }
}

/** Signs in as the admin; returns the Cookie header value (`admin_session=…`). */
export async function adminCookie(origin: string) {
  const response = await fetch(`${origin}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ password: BENCH_ADMIN_PASSWORD }),
  });
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (!response.ok || !cookie) throw new Error(`Admin sign-in failed: ${response.status} ${await response.text()}`);
  return cookie;
}

/** Whether a page exists on the running app (another branch may not have landed it yet). */
export async function pageExists(origin: string, pathname: string, cookie?: string) {
  const response = await fetch(origin + pathname, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
  await response.arrayBuffer();
  return response.status === 200;
}

/** Runs `work`, then stops every server, also on failure or Ctrl-C. */
export async function withServers<T>(servers: Server[], work: () => Promise<T>): Promise<T> {
  const stopAll = () => Promise.all(servers.map((server) => server.stop()));
  const onSignal = () => void stopAll().then(() => process.exit(130));
  process.once('SIGINT', onSignal);
  try {
    return await work();
  } finally {
    process.off('SIGINT', onSignal);
    await stopAll();
  }
}
