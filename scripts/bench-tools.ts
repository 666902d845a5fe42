/**
 * Backend tools benchmark: real calls on the Runway emulator (the runway-emulator package, its own process on
 * loopback), the emulated worker calling the backend over LiveKit RPC, and the app's handler
 * (@runwayml/avatars-node-rpc over @livekit/rtc-node), in this process, answering. An rtc-node visitor in this
 * process keeps each session RUNNING; each tool call is asked of the avatar through the emulator's control
 * API (POST /control/sessions/:id/call-tool), and its duration is read back from GET /control/state.
 *
 * 1. Round trip, as the worker measures it (RPC request sent → result back), over CALLS sequential calls:
 *    - baseline: a handler whose tool does nothing (the RPC transport alone);
 *    - app: the app's own handler (serveBackendTools: zod validation, the order lookup, activity recording).
 *    The emulated worker calls lookup_order with the example arguments its schema gives (an order that exists).
 * 2. What holding a handler costs for a call: resident memory and open sockets of this process, before and
 *    after HANDLERS handlers join HANDLERS running calls, per handler. The room's end of each connection
 *    lives in the emulator's process, so this is the handler's own cost (and the visitors', in both counts).
 *
 * Budgets (issue note): app p90 ≤ 50 ms on loopback and ≤ 2× the baseline's p90; ≤ 40 MB and ≤ 6 sockets per handler.
 * Run: npm run bench:tools   (tsx --import ./scripts/bench-server-modules.mjs scripts/bench-tools.ts)
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  BENCH_ADMIN_PASSWORD,
  emulatorAction,
  emulatorModeEnv,
  emulatorState,
  machine,
  percentile,
  printTable,
  startEmulator,
  waitForEmulator,
  withServers,
  type EmulatorState,
} from './bench-support';

const CALLS = 50;
const HANDLERS = 5;
const AVATAR = 'cat-character';

/** This process's open sockets by kind (Linux: its fd table joined with /proc/net). */
function sockets() {
  const inodes = new Set<string>();
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const link = readlinkSync(`/proc/self/fd/${fd}`);
      if (link.startsWith('socket:[')) inodes.add(link.slice('socket:['.length, -1));
    } catch {
      // Closed while listing.
    }
  }
  const count = (tables: string[], column: number) =>
    tables
      .flatMap((table) => readFileSync(`/proc/net/${table}`, 'utf8').split('\n').slice(1))
      .filter((line) => inodes.has(line.trim().split(/\s+/)[column] ?? '')).length;
  return { total: inodes.size, udp: count(['udp', 'udp6'], 9), tcp: count(['tcp', 'tcp6'], 9), unix: count(['unix'], 6) };
}

async function main() {
  const emulator = startEmulator({ EMULATOR_QUEUED_MS: '0', EMULATOR_READY_MS: '100-200', EMULATOR_MAX_ROOMS: '50' });
  await withServers([emulator], async () => {
    await waitForEmulator(emulator);
    await measure(emulator);
  });
}

async function measure(emulator: Parameters<typeof emulatorState>[0]) {
  // Emulator mode, production as deployed (rtc-node then logs at info, not debug), limits out of the way;
  // set before anything reads the env.
  Object.assign(process.env, {
    ...(await emulatorModeEnv()),
    NODE_ENV: 'production',
    ADMIN_PASSWORD: BENCH_ADMIN_PASSWORD,
    SESSION_MAX_DURATION_SECONDS: '300',
    RATE_LIMIT_SESSIONS_PER_MINUTE: '10000',
    MAX_CONCURRENT_SESSIONS: '10000',
    DAILY_SESSION_MINUTES: '1000000',
  });
  // Loaded after NODE_ENV is set: rtc-node picks its log level when it loads.
  const { Room } = await import('@livekit/rtc-node');
  const { startCall } = await import('@/lib/server/sessions/lifecycle');
  const { ReadinessModel } = await import('@/lib/server/sessions/readiness-model');
  const { joinCallAsBackend } = await import('@/lib/server/runway/backend-rpc');
  const { serveBackendTools } = await import('@/lib/server/tools/backend-session');
  const model = new ReadinessModel({ prior: [[100, 250]] });

  async function until<T>(check: (state: EmulatorState) => T | undefined | false, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = check(await emulatorState(emulator));
      if (value) return value;
      if (Date.now() > deadline) throw new Error('timed out');
      await sleep(10);
    }
  }

  const sessionOf = (state: EmulatorState, id: string) => state.sessions.find((session) => session.id === id);
  const results = (state: EmulatorState, id: string) => sessionOf(state, id)?.transcript.flatMap((turn) => turn.toolResults ?? []) ?? [];
  const backendConnected = (state: EmulatorState, id: string) => state.rooms.find((room) => room.sessionId === id)?.backend?.connected;

  /** A running call: a session consumed by the app, and a visitor (rtc-node, no media subscribed) in its room. */
  async function runningCall() {
    const { credentials } = await startCall(AVATAR, { client: 'bench-tools', admin: false }, { model });
    const visitor = new Room();
    await visitor.connect(credentials.serverUrl, credentials.token, { autoSubscribe: false, dynacast: false });
    await until((state) => sessionOf(state, credentials.sessionId)?.status === 'RUNNING');
    return { sessionId: credentials.sessionId, visitor };
  }

  /** CALLS sequential tool calls in one call; each duration is the worker's own (request → result). */
  async function roundTrips(serve: (sessionId: string) => Promise<unknown>) {
    const call = await runningCall();
    void serve(call.sessionId);
    await until((state) => backendConnected(state, call.sessionId));
    for (let n = 0; n < CALLS; n += 1) {
      await emulatorAction(emulator, call.sessionId, 'call-tool', { tool: 'lookup_order' });
      await until((state) => results(state, call.sessionId).length > n);
    }
    const done = results(await emulatorState(emulator), call.sessionId);
    await call.visitor.disconnect();
    return { durations: done.map((result) => result.durationMs), errors: done.filter((result) => 'error' in result).length };
  }

  function rss() {
    globalThis.gc?.();
    return process.memoryUsage().rss;
  }

  console.log(`bench:tools on ${machine()}`);
  // A first call warms both ends (the native core, the emulator's paths); its numbers are not kept.
  await roundTrips((sessionId) => serveBackendTools(sessionId, AVATAR, 300));
  const baseline = await roundTrips((sessionId) => joinCallAsBackend(sessionId, { lookup_order: async () => ({}) }));
  const app = await roundTrips((sessionId) => serveBackendTools(sessionId, AVATAR, 300));

  const row = (name: string, { durations, errors }: { durations: number[]; errors: number }) => [
    name,
    durations.length,
    errors,
    percentile(durations, 50),
    percentile(durations, 90),
    (percentile(durations, 90) / percentile(baseline.durations, 90)).toFixed(2),
  ];
  console.log(`\nRPC round trip, worker request → result, ${CALLS} sequential calls (ms)`);
  printTable(
    ['handler', 'calls', 'errors', 'p50', 'p90', 'p90 × baseline'],
    [row('baseline (no-op tool)', baseline), row('app (serveBackendTools)', app)],
  );

  // Holding handlers: HANDLERS running calls first, then one handler each.
  const calls: Array<Awaited<ReturnType<typeof runningCall>>> = [];
  for (let n = 0; n < HANDLERS; n += 1) calls.push(await runningCall());
  await sleep(1_000);
  const before = { rss: rss(), sockets: sockets() };
  for (const call of calls) void serveBackendTools(call.sessionId, AVATAR, 300);
  await until((state) => calls.every((call) => backendConnected(state, call.sessionId)), 30_000);
  await sleep(2_000);
  const after = { rss: rss(), sockets: sockets() };
  console.log(`\nHolding a handler, ${HANDLERS} calls (this process: the handler; the room's end is in the emulator's)`);
  printTable(
    ['measure', 'before', 'after', 'per handler'],
    [
      [
        'resident memory (MB)',
        (before.rss / 2 ** 20).toFixed(1),
        (after.rss / 2 ** 20).toFixed(1),
        ((after.rss - before.rss) / HANDLERS / 2 ** 20).toFixed(1),
      ],
      ...(['total', 'udp', 'tcp', 'unix'] as const).map((kind) => [
        `open sockets: ${kind}`,
        before.sockets[kind],
        after.sockets[kind],
        ((after.sockets[kind] - before.sockets[kind]) / HANDLERS).toFixed(1),
      ]),
    ],
  );
  for (const call of calls) await call.visitor.disconnect();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
