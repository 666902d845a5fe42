/**
 * What asking ElevenLabs for a signed URL adds to a call start, beyond ElevenLabs' own latency, and that
 * nothing else in the start got slower.
 *
 * In this process, against the Runway emulator (the runway-emulator package, its own process on loopback)
 * with its ElevenLabs stand-in held at a fixed 100 ms (EMULATOR_LATENCY_MS=elevenlabs=100) and READY at a
 * fixed 1 s, the demo avatar Ada starts STARTS calls
 * talking through the stand-in's agent and STARTS talking through Runway's model (the baseline: the same
 * avatar with ELEVENLABS_AGENTS pointing elsewhere), interleaved so both see the same machine load. Each
 * start is the app's own lifecycle: startSession (admit → [signed URL] → create), then consumeSession
 * (wait for READY on the learned schedule → consume), timed apart. The signed-URL step is also timed alone.
 *
 * Reports p50 and p90 of: the step alone minus the stand-in's 100 ms; the create step's added time minus
 * 100 ms; and baseline ratios for the rest of the start (wait + consume) and for the whole start.
 * Run: npm run bench:elevenlabs   (tsx --import ./scripts/bench-server-modules.mjs scripts/bench-elevenlabs.ts)
 */
import { DEMO_AVATAR_ID, STAND_IN_AGENT_ID } from 'runway-emulator';
import { emulatorModeEnv, machine, percentile, printTable, startEmulator, waitForEmulator, withServers } from './bench-support';

const STARTS = 20;
const STAND_IN_MS = 100;
/** Ada talks through the stand-in's agent, as the launcher sets it in emulator mode. */
const ADA_ON_ELEVENLABS = `${DEMO_AVATAR_ID}=${STAND_IN_AGENT_ID}`;
/** A custom avatar id nobody uses: with it alone in the map, Ada is back on Runway's model. */
const ELSEWHERE = `00000000-0000-4000-8000-000000000000=${STAND_IN_AGENT_ID}`;

type Brain = 'elevenlabs' | 'runway';
interface Sample {
  createMs: number;
  restMs: number;
}

async function main() {
  const emulator = startEmulator({ EMULATOR_QUEUED_MS: '0', EMULATOR_READY_MS: '1000', EMULATOR_LATENCY_MS: `elevenlabs=${STAND_IN_MS}` });
  await withServers([emulator], async () => {
    await waitForEmulator(emulator);
    await measure();
  });
}

async function measure() {
  // Emulator mode, set before anything reads the env (outside production, getEnv parses process.env on each call).
  Object.assign(process.env, {
    ...(await emulatorModeEnv()),
    RATE_LIMIT_SESSIONS_PER_MINUTE: '10000',
    MAX_CONCURRENT_SESSIONS: '10000',
    DAILY_SESSION_MINUTES: '1000000',
  });
  const { startSession, consumeSession } = await import('@/lib/server/sessions/lifecycle');
  const { readTicket } = await import('@/lib/server/security/session-tickets');
  const { elevenLabsIntegration } = await import('@/lib/server/integrations/elevenlabs/agents');

  async function start(brain: Brain): Promise<Sample> {
    process.env.ELEVENLABS_AGENTS = brain === 'elevenlabs' ? ADA_ON_ELEVENLABS : ELSEWHERE;
    const t0 = performance.now();
    const started = await startSession(DEMO_AVATAR_ID, { client: `bench-${brain}`, admin: false });
    const t1 = performance.now();
    const ticket = await readTicket(new Request('http://bench', { headers: { 'x-session-ticket': started.ticket } }), started.sessionId);
    await consumeSession(ticket);
    return { createMs: t1 - t0, restMs: performance.now() - t1 };
  }

  // Warm-up (not measured): module loading, both SDKs' first requests and JIT.
  await start('runway');
  await start('elevenlabs');

  const samples: Record<Brain, Sample[]> = { elevenlabs: [], runway: [] };
  const stepMs: number[] = [];
  for (let i = 0; i < STARTS; i += 1) {
    // Alternate which goes first, so neither always follows the other.
    for (const brain of (i % 2 ? ['runway', 'elevenlabs'] : ['elevenlabs', 'runway']) as Brain[]) samples[brain].push(await start(brain));
    process.env.ELEVENLABS_AGENTS = ADA_ON_ELEVENLABS;
    const t0 = performance.now();
    await elevenLabsIntegration(DEMO_AVATAR_ID);
    stepMs.push(performance.now() - t0);
  }

  const p = (values: number[], q: number) => percentile(values, q);
  const fmt = (ms: number) => ms.toFixed(1);
  const of = (brain: Brain, key: keyof Sample) => samples[brain].map((sample) => sample[key]);
  const whole = (brain: Brain) => samples[brain].map((sample) => sample.createMs + sample.restMs);

  console.log(`\nbench:elevenlabs: ${STARTS} starts each, stand-in at ${STAND_IN_MS} ms, READY at 1 s; ${machine()}\n`);
  printTable(
    ['measure (ms)', 'runway p50', 'runway p90', 'elevenlabs p50', 'elevenlabs p90'],
    [
      [
        'create step (admit → create)',
        fmt(p(of('runway', 'createMs'), 50)),
        fmt(p(of('runway', 'createMs'), 90)),
        fmt(p(of('elevenlabs', 'createMs'), 50)),
        fmt(p(of('elevenlabs', 'createMs'), 90)),
      ],
      [
        'rest (wait READY → consume)',
        fmt(p(of('runway', 'restMs'), 50)),
        fmt(p(of('runway', 'restMs'), 90)),
        fmt(p(of('elevenlabs', 'restMs'), 50)),
        fmt(p(of('elevenlabs', 'restMs'), 90)),
      ],
      [
        'whole start',
        fmt(p(whole('runway'), 50)),
        fmt(p(whole('runway'), 90)),
        fmt(p(whole('elevenlabs'), 50)),
        fmt(p(whole('elevenlabs'), 90)),
      ],
    ],
  );
  const beyond = (q: number) => p(stepMs, q) - STAND_IN_MS;
  const addedToCreate = (q: number) => p(of('elevenlabs', 'createMs'), q) - p(of('runway', 'createMs'), q) - STAND_IN_MS;
  const ratio = (values: (brain: Brain) => number[], q: number) => p(values('elevenlabs'), q) / p(values('runway'), q);
  console.log(`\nsigned-URL step alone, beyond the stand-in's ${STAND_IN_MS} ms: p50 ${fmt(beyond(50))} ms, p90 ${fmt(beyond(90))} ms`);
  console.log(
    `create step, added beyond the stand-in's ${STAND_IN_MS} ms: p50 ${fmt(addedToCreate(50))} ms, p90 ${fmt(addedToCreate(90))} ms`,
  );
  console.log(
    `rest of the start, elevenlabs/runway: p50 ${ratio((brain) => of(brain, 'restMs'), 50).toFixed(3)}×, p90 ${ratio((brain) => of(brain, 'restMs'), 90).toFixed(3)}× (1.000× = not slower)`,
  );
  console.log(
    `whole start, elevenlabs/runway: p50 ${ratio(whole, 50).toFixed(3)}×, p90 ${ratio(whole, 90).toFixed(3)}× (includes the stand-in's ${STAND_IN_MS} ms)`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
