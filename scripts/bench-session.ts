/**
 * Session provisioning benchmark: how long after a session turns READY do we hold its credentials, and how
 * many status calls (GET /v1/realtime_sessions/{id}) did it take?
 *
 * Two strategies run in this process against the Runway emulator (the runway-emulator package, its own
 * process on loopback), through the same SDK client and fetch:
 *   - adaptive: the app's own `startCall` (create → wait on the learned schedule → consume), with one fresh
 *     `ReadinessModel` per profile shared by its sessions, as one server instance would share it;
 *   - fixed 1 s: the seed's loop (create; loop { retrieve; if READY break; sleep 1000 ms }; consume).
 * Overhead = credentials received − the emulator's `readyAt` for that session; status calls come from the
 * emulator's per-session counter (both from its control API, GET /control/state). Sessions run in sequential batches of BATCH (so the model learns between
 * batches); the two strategies run their batches side by side on the same emulator, so both see the same
 * machine load and, for the shift profile, the same moment of change.
 *
 * Each READY profile (EMULATOR_READY_PROFILE, emulator/src/ready-profiles.ts) runs in a child process with an
 * emulator of its own, started with that profile, so no profile's sessions or learning reach the next: the
 * script re-invokes itself.
 *
 * Targets (every profile): adaptive p50 overhead ≤ 0.15× fixed's, with ≤ 1.5× its status calls per session.
 * Run: npm run bench:session [-- --profile=bimodal]   (tsx --import ./scripts/bench-server-modules.mjs scripts/bench-session.ts)
 */
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { emulatorModeEnv, emulatorState, machine, percentile, startEmulator, waitForEmulator, withServers } from './bench-support';

const PROFILES = {
  uniform: { env: { EMULATOR_READY_PROFILE: 'uniform', EMULATOR_READY_MS: '1000-3000' }, label: 'uniform 1–3 s' },
  queued: {
    env: { EMULATOR_READY_PROFILE: 'queued', EMULATOR_READY_MS: '1500-2500' },
    label: 'queued 0–1 s, then READY 1.5–2.5 s after leaving the queue',
  },
  bimodal: { env: { EMULATOR_READY_PROFILE: 'bimodal' }, label: 'bimodal: 90 % at 1.3–1.7 s, 10 % at 5.5–6.5 s' },
  lognormal: { env: { EMULATOR_READY_PROFILE: 'lognormal' }, label: 'lognormal: median 1.8 s, σ 0.45 (long tail)' },
  shift: {
    env: { EMULATOR_READY_PROFILE: 'shift', EMULATOR_READY_MS: '1500-2500' },
    label: 'shift: uniform 1.5–2.5 s, 2 s slower from the 50th session created on',
  },
} as const;
type ProfileName = keyof typeof PROFILES;

const P50_TARGET = 0.15;
const CALLS_TARGET = 1.5;
const SESSIONS = 48;
const BATCH = 4;
const AVATAR = 'cat-character';

interface Sample {
  overheadMs: number;
  statusCalls: number;
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

async function runProfile(name: ProfileName) {
  const emulator = startEmulator({ EMULATOR_QUEUED_MS: '500', ...PROFILES[name].env, EMULATOR_FAULTS: '' });
  await withServers([emulator], async () => {
    await waitForEmulator(emulator);
    await measureProfile(name, emulator);
  });
}

async function measureProfile(name: ProfileName, emulator: Parameters<typeof emulatorState>[0]) {
  // Emulator mode, set before anything reads the env (outside production, getEnv parses process.env on each call).
  Object.assign(process.env, {
    ...(await emulatorModeEnv()),
    // The cost limits would refuse a benchmark's burst of sessions; raise them through env, as in production.
    RATE_LIMIT_SESSIONS_PER_MINUTE: '10000',
    MAX_CONCURRENT_SESSIONS: '10000',
    DAILY_SESSION_MINUTES: '1000000',
    SESSION_READY_TIMEOUT_SECONDS: '30',
  });
  const { startCall } = await import('@/lib/server/sessions/lifecycle');
  const { ReadinessModel } = await import('@/lib/server/sessions/readiness-model');
  const { getRunway } = await import('@/lib/server/runway/client');
  const { consumeRealtimeSession, retrieveRealtimeSession } = await import('@/lib/server/runway/realtime-sessions');
  const runway = getRunway();
  const createBody = { model: 'gwm1_avatars', avatar: { type: 'runway-preset', presetId: AVATAR }, maxDuration: 60 } as const;

  const measure = async (sessionId: string, receivedAt: number): Promise<Sample> => {
    const recorded = (await emulatorState(emulator)).sessions.find((session) => session.id === sessionId);
    if (!recorded) throw new Error(`The emulator has no session ${sessionId}`);
    return { overheadMs: receivedAt - Date.parse(recorded.readyAt), statusCalls: recorded.statusCalls };
  };

  const model = new ReadinessModel();
  const adaptive = async (): Promise<Sample> => {
    const credentials = (await startCall(AVATAR, { client: 'bench', admin: false }, { model })).credentials;
    return measure(credentials.sessionId, Date.now());
  };

  // The seed's strategy, on the same client: retrieve every second until READY, then consume.
  const fixed = async (): Promise<Sample> => {
    const { id } = await runway.realtimeSessions.create(createBody, { maxRetries: 0 });
    for (;;) {
      const session = await retrieveRealtimeSession(id);
      if (session.phase === 'ready') {
        await consumeRealtimeSession(id, session.sessionKey);
        return measure(id, Date.now());
      }
      if (session.phase !== 'queued' && session.phase !== 'starting') throw new Error(`Session ${id} is ${session.phase}`);
      await sleep(1000);
    }
  };

  const inBatches = async (one: () => Promise<Sample>) => {
    const samples: Sample[] = [];
    for (let done = 0; done < SESSIONS; done += BATCH) {
      samples.push(...(await Promise.all(Array.from({ length: Math.min(BATCH, SESSIONS - done) }, one))));
    }
    return samples;
  };

  // Warm-up (not measured): module loading, the SDK's first request and JIT would otherwise land on batch 1.
  const warm = await runway.realtimeSessions.create(createBody, { maxRetries: 0 });
  await runway.realtimeSessions.retrieve(warm.id);
  await runway.realtimeSessions.delete(warm.id);

  const started = Date.now();
  const [adaptiveSamples, fixedSamples] = await Promise.all([inBatches(adaptive), inBatches(fixed)]);
  const elapsedS = ((Date.now() - started) / 1000).toFixed(1);

  const summarize = (samples: Sample[]) => {
    const overhead = samples.map((sample) => sample.overheadMs);
    const calls = samples.map((sample) => sample.statusCalls);
    return {
      n: samples.length,
      p50: percentile(overhead, 50),
      p90: percentile(overhead, 90),
      mean: mean(overhead),
      callsMean: mean(calls),
      callsP90: percentile(calls, 90),
    };
  };
  const a = summarize(adaptiveSamples);
  const f = summarize(fixedSamples);

  const row = (cells: Array<string | number>) =>
    cells.map((cell, i) => (i === 0 ? String(cell).padEnd(10) : String(cell).padStart(9))).join(' ');
  const fmt = (ms: number) => Math.round(ms);
  console.log(`\n${name}: ${PROFILES[name].label}; ${elapsedS} s`);
  console.log(row(['strategy', 'sessions', 'p50 ms', 'p90 ms', 'mean ms', 'calls avg', 'calls p90']));
  for (const [label, s] of [
    ['adaptive', a],
    ['fixed 1 s', f],
  ] as const) {
    console.log(row([label, s.n, fmt(s.p50), fmt(s.p90), fmt(s.mean), s.callsMean.toFixed(2), s.callsP90]));
  }
  const p50Ratio = a.p50 / f.p50;
  const callsRatio = a.callsMean / f.callsMean;
  const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');
  console.log(`p50 overhead adaptive/fixed = ${p50Ratio.toFixed(3)}× (target ≤ ${P50_TARGET}×)  ${verdict(p50Ratio <= P50_TARGET)}`);
  console.log(
    `status calls adaptive/fixed = ${callsRatio.toFixed(2)}× (target ≤ ${CALLS_TARGET}×)  ${verdict(callsRatio <= CALLS_TARGET)}`,
  );
  console.log(`mean overhead adaptive/fixed = ${(a.mean / f.mean).toFixed(3)}×, p90 ${(a.p90 / f.p90).toFixed(3)}×`);
  console.log(`learned checks (ms after create): ${model.checks().slice(0, 14).join(', ')}`);
  console.log(`RESULT ${JSON.stringify({ profile: name, p50Ratio, callsRatio, a, f })}`);
}

function runChild(name: ProfileName) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, `--child=${name}`], { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`profile ${name} exited with ${code}`))));
  });
}

const option = (name: string) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];

function profileNamed(name: string): ProfileName {
  if (!(name in PROFILES)) throw new Error(`Unknown profile ${name}; use ${Object.keys(PROFILES).join(', ')}`);
  return name as ProfileName;
}

async function main() {
  const child = option('child');
  // The child's own timers (the session registry's) would keep it alive after the last profile's numbers.
  if (child) return runProfile(profileNamed(child)).then(() => process.exit(0));
  const chosen = option('profile');
  const names = chosen ? [profileNamed(chosen)] : (Object.keys(PROFILES) as ProfileName[]);
  console.log(`Session provisioning benchmark: ${machine()}`);
  console.log(`${SESSIONS} sessions per strategy per profile, batches of ${BATCH}; overhead = credentials received − READY`);
  for (const name of names) await runChild(name);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
