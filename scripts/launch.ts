/**
 * `npm run dev` and `npm start`: the app, and with no Runway key the Runway emulator beside it.
 *
 *   npm run dev [-- <next dev options>]      npm start [-- <next start options>]
 *
 * With RUNWAYML_API_SECRET (in the environment or a .env file), or RUNWAYML_BASE_URL naming an emulator you
 * run yourself, this starts the app alone. Otherwise it starts the emulator (emulator/, its own process),
 * waits for it, and starts the app pointed at it: RUNWAYML_BASE_URL for the server, RUNWAY_PUBLIC_ORIGINS
 * for the page's CSP, and the ElevenLabs stand-in with a placeholder key. Ports: PORT (3000),
 * EMULATOR_PORT (4010) and EMULATOR_ROOM_PORT (7880); a port in use is named with the variable that moves it.
 * EMULATOR_PUBLIC_HOST=<your LAN address> lets a phone on the same network call. Ctrl-C stops both.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { loadEnvConfig } from '@next/env';

const ROOT = path.resolve(import.meta.dirname, '..');
const NEXT_BIN = path.join(ROOT, 'node_modules/next/dist/bin/next');
const TSX_CLI = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const EMULATOR_CLI = path.join(ROOT, 'emulator/src/cli.ts');

type Command = 'dev' | 'start';

function portOf(value: string | undefined, fallback: number) {
  const port = Number(value ?? fallback);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new Error(`Not a port: ${value}`);
  return port;
}

/** Resolves when nothing listens on the port; rejects with what to do when something does. */
function assertFree(port: number, host: string, variable: string) {
  return new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          error.code === 'EADDRINUSE' ? `Port ${port} is in use. Stop what holds it, or set ${variable} to another port.` : error.message,
        ),
      ),
    );
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

async function waitForEmulator(url: string, emulator: ChildProcess) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (emulator.exitCode !== null) throw new Error('The emulator stopped before it was ready (its output is above).');
    // Any answer means it listens: without a key, the API answers 401.
    if (
      await fetch(`${url}/v1/avatars`).then(
        () => true,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('The emulator did not answer within 30 s.');
}

function run(command: string[], env: NodeJS.ProcessEnv) {
  return spawn(process.execPath, command, { cwd: ROOT, env, stdio: 'inherit' });
}

async function main() {
  const [command = 'dev', ...nextArgs] = process.argv.slice(2) as [Command, ...string[]];
  if (command !== 'dev' && command !== 'start') throw new Error('Usage: launch.ts dev|start [next options]');
  loadEnvConfig(ROOT, command === 'dev', { info: () => undefined, error: console.error });
  const env = process.env;
  const next = [NEXT_BIN, command, ...nextArgs];
  const children: ChildProcess[] = [];
  let stopping = false;
  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    process.exitCode = code;
  };
  process.once('SIGINT', () => stop(0));
  process.once('SIGTERM', () => stop(0));

  if (env.RUNWAYML_API_SECRET || env.RUNWAYML_BASE_URL) {
    const app = run(next, env);
    app.on('exit', (code) => process.exit(code ?? 0));
    return;
  }

  const publicHost = env.EMULATOR_PUBLIC_HOST || 'localhost';
  // A public host other than this machine means devices on the network join: listen on every interface.
  const shared = !['localhost', '127.0.0.1'].includes(publicHost);
  const bind = shared ? '0.0.0.0' : '127.0.0.1';
  // Next takes -p over PORT; without either, 3000.
  const portFlag = nextArgs.findIndex((arg) => arg === '-p' || arg === '--port');
  const ports = {
    app: portOf(portFlag >= 0 ? nextArgs[portFlag + 1] : env.PORT, 3000),
    api: portOf(env.EMULATOR_PORT, 4010),
    room: portOf(env.EMULATOR_ROOM_PORT, 7880),
  };
  await assertFree(ports.app, shared ? '0.0.0.0' : '127.0.0.1', 'PORT');
  await assertFree(ports.api, bind, 'EMULATOR_PORT');
  await assertFree(ports.room, bind, 'EMULATOR_ROOM_PORT');

  const emulator = run([TSX_CLI, EMULATOR_CLI], {
    ...env,
    EMULATOR_PORT: String(ports.api),
    EMULATOR_ROOM_PORT: String(ports.room),
    EMULATOR_PUBLIC_HOST: publicHost,
    EMULATOR_BIND: env.EMULATOR_BIND ?? bind,
    EMULATOR_ROOM_BIND: env.EMULATOR_ROOM_BIND ?? bind,
    ...(shared && !env.EMULATOR_ICE_ADDRESS && /^\d+\.\d+\.\d+\.\d+$/.test(publicHost) ? { EMULATOR_ICE_ADDRESS: publicHost } : {}),
  });
  children.push(emulator);
  emulator.on('exit', (code) => {
    if (!stopping) console.error(`The Runway emulator stopped (exit code ${code}); stopping the app.`);
    stop(code ?? 1);
  });
  const apiUrl = `http://127.0.0.1:${ports.api}`;
  await waitForEmulator(apiUrl, emulator);

  const publicApi = `http://${publicHost}:${ports.api}`;
  const { DEMO_AVATAR_ID, STAND_IN_AGENT_ID, STAND_IN_API_KEY } = await import('runway-emulator');
  const app = run(shared && !nextArgs.includes('-H') ? [...next, '-H', '0.0.0.0'] : next, {
    ...env,
    PORT: String(ports.app),
    RUNWAYML_BASE_URL: apiUrl,
    RUNWAY_PUBLIC_ORIGINS: [publicApi, `ws://${publicHost}:${ports.room}`, `http://${publicHost}:${ports.room}`].join(' '),
    // The emulator's ElevenLabs stand-in: a placeholder key, so a real one never reaches it, and the demo
    // avatar talking through its agent unless ELEVENLABS_AGENTS says otherwise.
    ELEVENLABS_API_KEY: STAND_IN_API_KEY,
    ELEVENLABS_BASE_URL: apiUrl,
    ELEVENLABS_AGENTS: env.ELEVENLABS_AGENTS || `${DEMO_AVATAR_ID}=${STAND_IN_AGENT_ID}`,
  });
  children.push(app);
  app.on('exit', (code) => stop(code ?? 0));
  console.log(
    `\n  App               http://${publicHost}:${ports.app}\n  Runway emulator   ${publicApi} (control UI) · room ws://${publicHost}:${ports.room}\n  No RUNWAYML_API_SECRET: calls run on the emulator. Ctrl-C stops both.\n`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
