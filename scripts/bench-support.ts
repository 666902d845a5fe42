/**
 * What the benchmarks share: building the app, starting `next start` and the Runway emulator (the
 * runway-emulator package, its own process) on loopback ports that E2E_PORT_OFFSET shifts, the emulator's
 * control API, signing in as the admin, and percentiles.
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

/**
 * Benchmark ports: 3300–3309 for apps, 3320–3329 for bench:load's event-loop reporters, 4020 for the
 * emulator's API and 7890 for its room (and 6400 for bench:load's Redis), shifted by E2E_PORT_OFFSET like
 * the end-to-end servers.
 */
const offset = Number(process.env.E2E_PORT_OFFSET ?? 0);
export const benchPort = (slot: number) => 3300 + offset + slot;
export const emulatorPort = () => 4020 + offset;
export const emulatorRoomPort = () => 7890 + offset;

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

/** The Runway emulator package as its own process (`npm run emulator`), on loopback; `env` sets its EMULATOR_* timings. */
export function startEmulator(env: Record<string, string> = {}): Server {
  const port = emulatorPort();
  return spawnServer([path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'emulator/src/cli.ts')], {
    port,
    env: { EMULATOR_PORT: String(port), EMULATOR_ROOM_PORT: String(emulatorRoomPort()), ...env },
  });
}

/** Resolves once the emulator answers (without a key its API answers 401). */
export const waitForEmulator = (emulator: Server) => waitForOk(emulator, '/v1/avatars', { anyStatus: true });

/**
 * What an app needs to run in emulator mode beside the emulator, as scripts/launch.ts sets it: no key,
 * RUNWAYML_BASE_URL, the origins the browser loads room and media from (CSP), and the ElevenLabs stand-in
 * with its placeholder key for the demo avatar.
 */
export async function emulatorModeEnv(): Promise<Record<string, string>> {
  const { DEMO_AVATAR_ID, STAND_IN_AGENT_ID, STAND_IN_API_KEY } = await import('runway-emulator');
  const api = `http://127.0.0.1:${emulatorPort()}`;
  return {
    RUNWAYML_API_SECRET: '',
    RUNWAYML_BASE_URL: api,
    RUNWAY_PUBLIC_ORIGINS: [
      `http://localhost:${emulatorPort()}`,
      `ws://localhost:${emulatorRoomPort()}`,
      `http://localhost:${emulatorRoomPort()}`,
    ].join(' '),
    ELEVENLABS_API_KEY: STAND_IN_API_KEY,
    ELEVENLABS_BASE_URL: api,
    ELEVENLABS_AGENTS: `${DEMO_AVATAR_ID}=${STAND_IN_AGENT_ID}`,
  };
}

export interface AppOnEmulator {
  emulator: Server;
  /** One `next start` per entry of `apps`, in order. */
  apps: Server[];
  /** Every process, for withServers. */
  servers: Server[];
  /** Resolves once the emulator and every app answer. */
  ready: () => Promise<void>;
}

/**
 * The emulator and `next start` app(s) in emulator mode pointed at it: the one way a benchmark runs the app
 * on the emulator. Each app entry sets its port and its own env (and node arguments, a preload or a profiler).
 */
export async function startAppOnEmulator(options: {
  emulatorEnv?: Record<string, string>;
  apps: Array<{ port: number; env?: Record<string, string>; nodeArgs?: string[] }>;
}): Promise<AppOnEmulator> {
  const emulator = startEmulator(options.emulatorEnv);
  const modeEnv = await emulatorModeEnv();
  const apps = options.apps.map((app) => startNext(app.port, { ...modeEnv, ...app.env }, ROOT, app.nodeArgs));
  return {
    emulator,
    apps,
    servers: [...apps, emulator],
    async ready() {
      await waitForEmulator(emulator);
      await Promise.all(apps.map((app) => waitForOk(app, '/api/health')));
    },
  };
}

/** A session as the emulator's control API lists it (GET /control/state). */
export interface EmulatedSession {
  id: string;
  status: string;
  createdAt: string;
  readyAt: string;
  readySeenAt: string | null;
  statusCalls: number;
  tools: string[];
  transcript: Array<{ toolResults?: Array<{ durationMs: number; error?: unknown }> }>;
}

export interface EmulatorState {
  sessions: EmulatedSession[];
  rooms: Array<{ sessionId: string; backend?: { connected: boolean } }>;
}

/** The emulator's sessions and rooms now (its control API, loopback only). */
export async function emulatorState(emulator: Server): Promise<EmulatorState> {
  const response = await fetch(`${emulator.origin}/control/state`);
  if (!response.ok) throw new Error(`GET /control/state answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as EmulatorState;
}

/** A control action on one session (call-tool, drop-signal, drop-backend); throws unless the emulator did it. */
export async function emulatorAction(
  emulator: Server,
  sessionId: string,
  action: 'call-tool' | 'drop-signal' | 'drop-backend',
  body?: unknown,
) {
  const response = await fetch(`${emulator.origin}/control/sessions/${sessionId}/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST /control/sessions/${sessionId}/${action} answered ${response.status}: ${await response.text()}`);
}

/** Polls `pathname` until it answers 200 (or, with `anyStatus`, anything); returns the milliseconds that took. */
export async function waitForOk(server: Server, pathname: string, { timeoutMs = 60_000, anyStatus = false } = {}) {
  const started = performance.now();
  for (;;) {
    if (server.child.exitCode !== null) throw new Error(`The server exited early:\n${server.output()}`);
    try {
      // A process that accepts connections but is too busy to answer is retried, not waited on forever.
      const response = await fetch(server.origin + pathname, { signal: AbortSignal.timeout(5000) });
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
