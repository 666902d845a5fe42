import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { expect, test } from '@playwright/test';
import { CANARY } from './canaries';
import { CallPage } from './pages/call-page';
import { PORTS } from './ports';

/**
 * `npm start` with no key, as a fresh clone runs it (scripts/launch.ts over this build): the emulator starts
 * beside the app, both URLs are printed, a call works, and Ctrl-C stops both. A port in use is named with
 * the variable that moves it. Launched with `next start`, on ports of its own.
 */

const PORT_ENV = {
  PORT: String(PORTS.launcherApp),
  EMULATOR_PORT: String(PORTS.launcherEmulatorApi),
  EMULATOR_ROOM_PORT: String(PORTS.launcherRoom),
};

function launch(extraEnv: Record<string, string> = {}): { child: ChildProcess; output: string } {
  // What a clone has: no key and no emulator URL (the launcher decides), and what production requires.
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (/^(RUNWAYML_|RUNWAY_PUBLIC|ELEVENLABS_)/.test(name)) delete env[name];
  const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/launch.ts', 'start'], {
    env: { ...env, ...PORT_ENV, ADMIN_PASSWORD: CANARY.adminPassword, AUTH_SECRET: CANARY.authSecret, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const launched = { child, output: '' };
  child.stdout!.on('data', (chunk: Buffer) => (launched.output += chunk));
  child.stderr!.on('data', (chunk: Buffer) => (launched.output += chunk));
  return launched;
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise<number | null>((resolve) => child.once('exit', resolve));

const listening = (port: number) =>
  fetch(`http://127.0.0.1:${port}/`).then(
    () => true,
    () => false,
  );

test('npm start with no key starts the emulator beside the app, prints both, calls work, its control UI drives the call, and Ctrl-C stops both', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const launched = launch();
  const { child } = launched;
  try {
    const app = `http://localhost:${PORTS.launcherApp}`;
    await expect.poll(async () => (await fetch(`${app}/api/health`).catch(() => undefined))?.status, { timeout: 45_000 }).toBe(200);
    expect(await (await fetch(`${app}/api/health`)).json()).toMatchObject({ mode: 'emulator' });
    const state = (await (await fetch(`http://127.0.0.1:${PORTS.launcherEmulatorApi}/control/state`)).json()) as { urls: unknown };
    expect(state.urls).toEqual({ api: `http://localhost:${PORTS.launcherEmulatorApi}`, room: `ws://localhost:${PORTS.launcherRoom}` });

    const call = new CallPage(page);
    await page.goto(`${app}/call/cat-character`);
    await call.start();
    await call.expectLive(30_000);

    // The emulator's control UI, at its root: the call's session and room, its tools to call, faults to queue.
    const control = await page.context().newPage();
    await control.goto(`http://localhost:${PORTS.launcherEmulatorApi}/`);
    await expect(control.getByRole('heading', { name: 'Runway emulator', level: 1 })).toBeVisible();
    const sessionId = await call.sessionId();
    const row = control.getByRole('region', { name: 'Sessions' }).getByRole('row').filter({ hasText: sessionId });
    await expect(row).toContainText('RUNNING');
    await expect(control.getByRole('region', { name: 'Rooms' }).getByRole('row').filter({ hasText: 'visitor-' })).toContainText(
      'microphone',
    );
    await row.getByRole('button', { name: 'Call show_card' }).click();
    await expect(page.getByRole('complementary', { name: 'Shown by the avatar' })).toContainText('Runway Characters Starter');
    await control.getByLabel('Fault', { exact: true }).selectOption('never-ready');
    await control.getByRole('button', { name: 'Queue fault' }).click();
    await expect(control.getByText('Queued: never-ready')).toBeVisible();
    await call.endCall();
  } finally {
    child.kill('SIGINT');
    await exited(child);
  }
  expect(launched.output).toContain(`App               http://localhost:${PORTS.launcherApp}`);
  expect(launched.output).toContain(`Runway emulator   http://localhost:${PORTS.launcherEmulatorApi}`);
  expect(launched.output).not.toContain(CANARY.adminPassword);
  // Both are gone: nothing answers on the app's or the emulator's port.
  await expect.poll(() => listening(PORTS.launcherApp)).toBe(false);
  await expect.poll(() => listening(PORTS.launcherEmulatorApi)).toBe(false);
});

test('a port in use stops npm start at once with the variable that moves it, and nothing is left running', async () => {
  const holder = createServer();
  await new Promise<void>((resolve) => holder.listen(PORTS.launcherEmulatorApi, '127.0.0.1', resolve));
  try {
    const launched = launch();
    expect(await exited(launched.child)).toBe(1);
    expect(launched.output).toContain(
      `Port ${PORTS.launcherEmulatorApi} is in use. Stop what holds it, or set EMULATOR_PORT to another port.`,
    );
    expect(await listening(PORTS.launcherApp)).toBe(false);
  } finally {
    await new Promise((resolve) => holder.close(resolve));
  }
});
