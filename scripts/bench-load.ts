/**
 * Session throughput: bursts of concurrent session starts against `next start` in emulator mode, talking over
 * HTTP to the Runway emulator (the runway-emulator package, its own process; READY uniform in 1–3 s unless
 * --ready names another EMULATOR_READY_PROFILE). Two sets of servers from the same build, one per schedule
 * chosen at start (SESSION_POLL_SCHEDULE), get each burst in turn (alternating which goes first):
 *   - adaptive: the app's learned schedule (SESSION_POLL_SCHEDULE=learned, the default);
 *   - fixed 1 s: the seed's loop behind the same routes (SESSION_POLL_SCHEDULE=fixed-1s).
 * Both flows are measured:
 *   - one-shot: POST /api/avatar/session (create → wait → consume in one request);
 *   - progress-aware: POST /api/sessions → GET /api/sessions/:id?known=… (long poll) until READY → POST
 *     …/consume, exactly as the call page's use-session-flow does.
 * Two overheads per session:
 *   - gap: READY → the first status check that saw it, timed by the emulator (the overhead that
 *     the schedule decides);
 *   - end to end: latency (first request → credentials) − that session's READY delay (the emulator's readyAt −
 *     createdAt), which adds what a loaded server costs around the schedule (creates queued behind each
 *     other, the consume).
 * Status polls per session come from the emulator's own counter (its control API). The event-loop delay of
 * each server process over each burst's window is measured from outside the app's code: every server starts
 * with the scripts/bench-event-loop.mjs preload, which reports on a loopback port of its own.
 *
 * --instances=2 starts two servers per schedule sharing one redis-server (REDIS_URL, started and stopped
 * here, on loopback) and splits each burst between a schedule's two; a session's requests all go to the
 * instance that created it.
 *
 * Targets, per burst, as ratios to the fixed loop in the same run: gap p99 ≤ 0.4×, end-to-end p99 ≤ 1× (no
 * worse than the seed), status polls per session ≤ 1.5×; and 0 errors, event-loop p99 ≤ 50 ms.
 * Run: npm run bench:load [-- --no-build] [-- --sessions=200] [-- --bursts=3] [-- --instances=2]
 *      (smallest: -- --sessions=20 --bursts=1)
 *      [-- --ready=bimodal] [-- --profile]
 * --profile writes V8 CPU profiles of the servers to .bench/profiles/ (open them in Chrome DevTools).
 * E2E_PORT_OFFSET shifts the ports.
 */
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import {
  benchPort,
  buildApp,
  emulatorState,
  load,
  machine,
  percentile,
  printTable,
  ROOT,
  spawnServer,
  startAppOnEmulator,
  withServers,
  type Server,
} from './bench-support';

const option = (name: string, fallback: string) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const SESSIONS = Number(option('sessions', '200'));
const BURSTS = Number(option('bursts', '3'));
const INSTANCES = Number(option('instances', '1'));
const READY_PROFILE = option('ready', 'uniform');
const READY_MS = '1000-3000';
/** No backend tools: each consumed session would start a handler in the server (bench:tools measures those). */
const AVATAR = 'music-superstar';
const P99_TARGET = 0.4;
const POLLS_TARGET = 1.5;
const LOOP_TARGET_MS = 50;
const REDIS_PORT = 6400 + Number(process.env.E2E_PORT_OFFSET ?? 0);
/** Each server's event-loop reporter (scripts/bench-event-loop.mjs). */
const loopPort = (slot: number) => benchPort(20 + slot);

type Strategy = 'adaptive' | 'fixed 1 s';
const STRATEGIES: Record<Strategy, 'learned' | 'fixed-1s'> = { adaptive: 'learned', 'fixed 1 s': 'fixed-1s' };
const EVENT_LOOP_PRELOAD = pathToFileURL(path.join(ROOT, 'scripts/bench-event-loop.mjs')).href;

interface Outcome {
  ok: boolean;
  latencyMs: number;
  sessionId?: string;
  error?: string;
}

interface EventLoopReport {
  delay: { p50: number; p99: number; max: number };
  utilization: number;
}

/** Turns a non-2xx answer into an error naming its status and code. */
async function expectOk(response: Response, what: string) {
  if (response.ok) return response.json() as Promise<Record<string, unknown>>;
  const body = (await response.json().catch(() => ({}))) as { error?: { code?: string } };
  throw new Error(`${what} ${response.status} ${body.error?.code ?? ''}`.trim());
}

async function timed(run: () => Promise<string>): Promise<Outcome> {
  const started = performance.now();
  try {
    const sessionId = await run();
    return { ok: true, latencyMs: performance.now() - started, sessionId };
  } catch (error) {
    return { ok: false, latencyMs: performance.now() - started, error: error instanceof Error ? error.message : String(error) };
  }
}

const oneShot = (origin: string) =>
  timed(async () => {
    const headers = { origin, 'content-type': 'application/json' };
    const response = await fetch(`${origin}/api/avatar/session`, { method: 'POST', headers, body: JSON.stringify({ avatarId: AVATAR }) });
    return String((await expectOk(response, 'one-shot')).sessionId);
  });

const progressAware = (origin: string) =>
  timed(async () => {
    const base = { origin };
    const created = await expectOk(
      await fetch(`${origin}/api/sessions`, {
        method: 'POST',
        headers: { ...base, 'content-type': 'application/json' },
        body: JSON.stringify({ avatarId: AVATAR }),
      }),
      'create',
    );
    const sessionId = String(created.sessionId);
    const headers = { ...base, 'x-session-ticket': String(created.ticket) };
    let known: string | undefined;
    for (;;) {
      const query = known ? `?known=${known}` : '';
      const progress = await expectOk(await fetch(`${origin}/api/sessions/${sessionId}${query}`, { headers }), 'status');
      known = String(progress.phase);
      if (known === 'ready') break;
      if (known !== 'queued' && known !== 'starting') throw new Error(`session ${known}`);
    }
    const credentials = await expectOk(await fetch(`${origin}/api/sessions/${sessionId}/consume`, { method: 'POST', headers }), 'consume');
    return String(credentials.sessionId);
  });

const FLOWS = { 'one-shot': oneShot, 'progress-aware': progressAware } as const;

/** redis-server on loopback, no persistence; stopped with the servers. */
const startRedis = () =>
  spawnServer(['--port', String(REDIS_PORT), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    port: REDIS_PORT,
    env: {},
    executable: 'redis-server',
    scheme: 'redis',
  });

async function waitForRedis(redis: Server) {
  for (let i = 0; i < 100; i += 1) {
    if (redis.output().includes('Ready to accept connections')) return;
    if (redis.child.exitCode !== null) throw new Error(`redis-server exited:\n${redis.output()}`);
    await sleep(50);
  }
  throw new Error(`redis-server did not start:\n${redis.output()}`);
}

interface BurstRow {
  flow: string;
  burst: number;
  strategy: Strategy;
  errors: number;
  byError: Map<string, number>;
  /** READY → the first check that saw it, at Runway: the schedule's own overhead. */
  gap: { p50: number; p99: number };
  /** Started sessions with no status call that saw READY: their gap is unknown, so the burst is not judged. */
  unseen: number;
  /** Latency − READY delay: the schedule plus everything else a loaded server adds (create queueing, consume). */
  overhead: { p50: number; p99: number };
  polls: number;
  loopP99: number;
  loopBusy: number;
  wallS: number;
}

async function main() {
  console.log(`Load benchmark: ${machine()}`);
  console.log(
    `${SESSIONS} concurrent session starts per burst, ${BURSTS} bursts per flow and strategy, ${INSTANCES} next start instance(s)` +
      `${INSTANCES > 1 ? ' sharing one redis-server' : ''}; the Runway emulator over HTTP, READY profile ${READY_PROFILE} (${READY_MS} ms when uniform)`,
  );
  buildApp();
  const redis = INSTANCES > 1 ? startRedis() : undefined;
  const cpuProfile = process.argv.includes('--profile') ? ['--cpu-prof', `--cpu-prof-dir=${path.join(ROOT, '.bench/profiles')}`] : [];
  // Per schedule, INSTANCES servers; each with its event-loop reporter on a port of its own.
  const layout = (Object.keys(STRATEGIES) as Strategy[]).flatMap((strategy, s) =>
    Array.from({ length: INSTANCES }, (_, i) => ({ strategy, slot: s * INSTANCES + i })),
  );
  const onEmulator = await startAppOnEmulator({
    emulatorEnv: {
      EMULATOR_READY_PROFILE: READY_PROFILE,
      EMULATOR_READY_MS: READY_MS,
      EMULATOR_QUEUED_MS: '500',
      EMULATOR_MAX_CONCURRENT_SESSIONS: '0',
    },
    apps: layout.map(({ strategy, slot }) => ({
      port: benchPort(2 + slot),
      nodeArgs: ['--import', EVENT_LOOP_PRELOAD, ...cpuProfile],
      env: {
        SESSION_POLL_SCHEDULE: STRATEGIES[strategy],
        BENCH_EVENT_LOOP_PORT: String(loopPort(slot)),
        // Raised for the run through env, as an operator would.
        RATE_LIMIT_SESSIONS_PER_MINUTE: '10000',
        MAX_CONCURRENT_SESSIONS: '10000',
        DAILY_SESSION_MINUTES: '1000000',
        ...(redis ? { REDIS_URL: redis.origin } : {}),
      },
    })),
  });
  const { emulator } = onEmulator;
  const servers = layout.map((entry, index) => ({
    ...entry,
    origin: onEmulator.apps[index]!.origin,
    loop: `http://127.0.0.1:${loopPort(entry.slot)}/`,
  }));
  const serversOf = (strategy: Strategy) => servers.filter((server) => server.strategy === strategy);

  await withServers([...onEmulator.servers, ...(redis ? [redis] : [])], async () => {
    if (redis) await waitForRedis(redis);
    await onEmulator.ready();

    // Warm-up, not measured: the first request to each route loads its bundle.
    for (const flow of Object.values(FLOWS)) await Promise.all(servers.map((server) => flow(server.origin)));

    const rows: BurstRow[] = [];
    for (const [name, flow] of Object.entries(FLOWS)) {
      for (let burst = 1; burst <= BURSTS; burst += 1) {
        // Alternate which strategy goes first, so neither always meets the colder (or the more loaded) machine.
        const order: Strategy[] = burst % 2 === 1 ? ['adaptive', 'fixed 1 s'] : ['fixed 1 s', 'adaptive'];
        for (const strategy of order) {
          const targets = serversOf(strategy);
          await Promise.all(targets.map((server) => fetch(server.loop, { method: 'DELETE' })));
          const started = performance.now();
          const outcomes = await Promise.all(Array.from({ length: SESSIONS }, (_, i) => flow(targets[i % targets.length]!.origin)));
          const wallS = (performance.now() - started) / 1000;
          const loops = await Promise.all(
            targets.map(async (server) => (await expectOk(await fetch(server.loop), 'event-loop report')) as unknown as EventLoopReport),
          );
          const { sessions } = await emulatorState(emulator);
          const byId = new Map(sessions.map((session) => [session.id, session]));
          const ok = outcomes.filter((outcome) => outcome.ok);
          const overhead: number[] = [];
          const gap: number[] = [];
          const polls: number[] = [];
          // A started session the emulator does not list, or never answered READY to a status call.
          let unseen = 0;
          for (const outcome of ok) {
            const session = byId.get(outcome.sessionId!);
            if (!session?.readySeenAt) unseen += 1;
            if (!session) continue;
            overhead.push(outcome.latencyMs - (Date.parse(session.readyAt) - Date.parse(session.createdAt)));
            polls.push(session.statusCalls);
            if (session.readySeenAt) gap.push(Date.parse(session.readySeenAt) - Date.parse(session.readyAt));
          }
          const byError = new Map<string, number>();
          for (const { error } of outcomes.filter((outcome) => !outcome.ok)) byError.set(error!, (byError.get(error!) ?? 0) + 1);
          rows.push({
            flow: name,
            burst,
            strategy,
            errors: SESSIONS - ok.length,
            byError,
            unseen,
            gap: { p50: percentile(gap, 50), p99: percentile(gap, 99) },
            overhead: { p50: percentile(overhead, 50), p99: percentile(overhead, 99) },
            polls: polls.reduce((sum, value) => sum + value, 0) / polls.length,
            loopP99: Math.max(...loops.map((loop) => loop.delay.p99)),
            loopBusy: Math.max(...loops.map((loop) => loop.utilization)),
            wallS,
          });
        }
      }
    }

    const r = Math.round;
    console.log(
      '\nGap = READY → the first check that saw it, at Runway (the schedule); end to end = latency − the session’s READY delay (ms);' +
        '\npolls = status calls per session; loop = server event-loop delay',
    );
    printTable(
      ['flow', 'burst', 'strategy', 'errors', 'gap p50', 'gap p99', 'end to end p50', 'p99', 'polls', 'loop p99', 'loop busy', 'wall s'],
      rows.map((row) => [
        row.flow,
        row.burst,
        row.strategy,
        row.errors,
        r(row.gap.p50),
        r(row.gap.p99),
        r(row.overhead.p50),
        r(row.overhead.p99),
        row.polls.toFixed(2),
        row.loopP99,
        `${r(row.loopBusy * 100)} %`,
        row.wallS.toFixed(1),
      ]),
    );

    const verdicts: string[] = [];
    const ratios: Array<Array<string | number>> = [];
    for (const row of rows.filter((candidate) => candidate.strategy === 'adaptive')) {
      const seed = rows.find(
        (candidate) => candidate.strategy === 'fixed 1 s' && candidate.flow === row.flow && candidate.burst === row.burst,
      )!;
      const p99Ratio = row.gap.p99 / seed.gap.p99;
      const endToEndRatio = row.overhead.p99 / seed.overhead.p99;
      const pollsRatio = row.polls / seed.polls;
      ratios.push([
        row.flow,
        row.burst,
        `${p99Ratio.toFixed(2)}×`,
        `${(row.gap.p50 / seed.gap.p50).toFixed(2)}×`,
        `${endToEndRatio.toFixed(2)}×`,
        `${pollsRatio.toFixed(2)}×`,
        row.errors,
        row.loopP99,
      ]);
      const where = `${row.flow} burst ${row.burst}`;
      // `!(x <= target)`, so that a ratio that could not be computed (NaN) is a miss too.
      if (!(p99Ratio <= P99_TARGET)) verdicts.push(`${where}: gap p99 ${p99Ratio.toFixed(2)}× the fixed loop's > ${P99_TARGET}×`);
      if (!(endToEndRatio <= 1))
        verdicts.push(`${where}: end-to-end p99 ${endToEndRatio.toFixed(2)}× the fixed loop's: worse than the seed`);
      for (const unseenRow of [row, seed].filter((candidate) => candidate.unseen))
        verdicts.push(`${where} (${unseenRow.strategy}): ${unseenRow.unseen} sessions never seen READY by a status check`);
      if (pollsRatio > POLLS_TARGET) verdicts.push(`${where}: ${pollsRatio.toFixed(2)}× the fixed loop's polls > ${POLLS_TARGET}×`);
      if (row.errors)
        verdicts.push(`${where}: ${row.errors} errors: ${[...row.byError].map(([error, count]) => `${count}× ${error}`).join(', ')}`);
      if (row.loopP99 > LOOP_TARGET_MS) verdicts.push(`${where}: event-loop delay p99 ${row.loopP99} ms > ${LOOP_TARGET_MS} ms`);
    }
    console.log('\nAdaptive vs the fixed 1 s loop, same burst size, same build and emulator, run back to back');
    printTable(['flow', 'burst', 'gap p99', 'gap p50', 'end to end p99', 'polls', 'errors', 'loop p99 ms'], ratios);
    console.log(`After the run: ${load()}`);
    console.log(
      `Targets: gap p99 ≤ ${P99_TARGET}×, end-to-end p99 ≤ 1× and polls ≤ ${POLLS_TARGET}× the fixed loop's; 0 errors; event-loop delay p99 ≤ ${LOOP_TARGET_MS} ms`,
    );
    if (verdicts.length) {
      console.log(`MISSED:\n${verdicts.map((verdict) => `  - ${verdict}`).join('\n')}`);
      process.exitCode = 1;
    } else {
      console.log('All targets met.');
    }
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
