/**
 * Backend tools benchmark, on the built-in emulator in this process: real calls (an rtc-node visitor keeps
 * each session RUNNING), the emulated worker calling the backend over LiveKit RPC, and the app's handler
 * (@runwayml/avatars-node-rpc over @livekit/rtc-node) answering.
 *
 * 1. Round trip, as the worker measures it (RPC request sent → result back), over CALLS sequential calls:
 *    - baseline: a handler whose tool does nothing (the RPC transport alone);
 *    - app: the app's own handler (serveBackendTools: zod validation, the order lookup, activity recording).
 *    The emulated worker alternates a known and an unknown order, so half the app's calls are error answers.
 * 2. What holding a handler costs for a call: resident memory and open sockets of this process, before and
 *    after HANDLERS handlers join HANDLERS running calls, per handler. Both ends live in this process (the
 *    handler and the emulated room's side of its connection), so this is an upper bound for the handler.
 *
 * Budgets (issue note): app p90 ≤ 50 ms on loopback and ≤ 2× the baseline's p90; ≤ 40 MB and ≤ 6 sockets per handler.
 * Run: npm run bench:tools   (tsx --conditions=react-server scripts/bench-tools.ts)
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { Room } from '@livekit/rtc-node';
import { BENCH_ADMIN_PASSWORD, emulatorPort, load, machine, percentile, printTable } from './bench-support';

const CALLS = 50;
const HANDLERS = 5;
const AVATAR = 'cat-character';

// Emulator mode, fast provisioning, limits out of the way; set before anything reads the env.
delete process.env.RUNWAYML_API_SECRET;
Object.assign(process.env, {
  // Production, as deployed (and rtc-node then logs at info, not debug).
  NODE_ENV: 'production',
  ADMIN_PASSWORD: BENCH_ADMIN_PASSWORD,
  EMULATOR_QUEUED_MS: '0',
  EMULATOR_READY_MS: '100-200',
  EMULATOR_ROOM_PORT: String(emulatorPort() + 30),
  EMULATOR_MAX_ROOMS: '50',
  SESSION_MAX_DURATION_SECONDS: '300',
  RATE_LIMIT_SESSIONS_PER_MINUTE: '10000',
  MAX_CONCURRENT_SESSIONS: '10000',
  DAILY_SESSION_MINUTES: '1000000',
});

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
  const { startCall } = await import('@/lib/server/sessions/lifecycle');
  const { ReadinessModel } = await import('@/lib/server/sessions/readiness-model');
  const { getEmulatorControls, startEmulatorRoom } = await import('@/lib/server/runway/client');
  const { joinCallAsBackend } = await import('@/lib/server/runway/backend-rpc');
  const { serveBackendTools } = await import('@/lib/server/tools/backend-session');
  const { encodeToolRequest } = await import('@/lib/tools/tool-requests');

  await startEmulatorRoom();
  const controls = getEmulatorControls();
  const model = new ReadinessModel({ prior: [[100, 250]] });

  async function until<T>(check: () => T | undefined | false, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value) return value;
      if (Date.now() > deadline) throw new Error('timed out');
      await sleep(5);
    }
  }

  const sessionOf = (id: string) => controls.sessions().find((session) => session.id === id);
  const results = (id: string) => sessionOf(id)?.transcript.flatMap((turn) => turn.toolResults ?? []) ?? [];
  const backendConnected = (id: string) => controls.rooms().find((room) => room.sessionId === id)?.backend?.connected;

  /** A running call: a session consumed by the app, and a visitor (rtc-node, no media subscribed) in its room. */
  async function runningCall() {
    const { credentials } = await startCall(AVATAR, { client: 'bench-tools', admin: false }, { model });
    const visitor = new Room();
    await visitor.connect(credentials.serverUrl, credentials.token, { autoSubscribe: false, dynacast: false });
    await until(() => sessionOf(credentials.sessionId)?.status === 'RUNNING');
    return { sessionId: credentials.sessionId, visitor };
  }

  /** CALLS sequential tool calls in one call; each duration is the worker's own (request → result). */
  async function roundTrips(serve: (sessionId: string) => Promise<unknown>) {
    const call = await runningCall();
    void serve(call.sessionId);
    await until(() => backendConnected(call.sessionId));
    for (let n = 0; n < CALLS; n += 1) {
      await call.visitor.localParticipant!.publishData(encodeToolRequest('lookup_order'), { reliable: true });
      await until(() => results(call.sessionId).length > n);
    }
    const durations = results(call.sessionId).map((result) => result.durationMs);
    const errors = results(call.sessionId).filter((result) => 'error' in result).length;
    await call.visitor.disconnect();
    return { durations, errors };
  }

  function rss() {
    globalThis.gc?.();
    return process.memoryUsage().rss;
  }

  console.log(`bench:tools on ${machine()}, ${load()}`);
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
  await until(() => calls.every((call) => backendConnected(call.sessionId)), 30_000);
  await sleep(2_000);
  const after = { rss: rss(), sockets: sockets() };
  console.log(`\nHolding a handler, ${HANDLERS} calls (this process: the handler and the room's end of its connection)`);
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
