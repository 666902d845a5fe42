import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { expect, test } from '@playwright/test';

/**
 * What a deployment ships, read from this build (made with a key, as npm run test:e2e makes it): the
 * emulator is a tool beside the app, so no server file of the app holds its code or traces its files, and
 * the native LiveKit binary goes only with the functions that serve backend tools.
 */

const SERVER = '.next/server';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

/** Every function's traced files, by route (`api/sessions/route`), relative to the repository. */
function traces() {
  return new Map(
    filesUnder(join(SERVER, 'app'))
      .filter((file) => file.endsWith('.js.nft.json'))
      .map((file) => {
        const { files } = JSON.parse(readFileSync(file, 'utf8')) as { files: string[] };
        const route = relative(join(SERVER, 'app'), file).replace(/\.js\.nft\.json$/, '');
        return [route, files.map((traced) => relative('.', resolve(dirname(file), traced)))] as const;
      }),
  );
}

test('no server file of the build holds emulator code', () => {
  const code = filesUnder(SERVER).filter((file) => /\.(js|mjs|cjs|json)$/.test(file) && statSync(file).size < 20 * 1024 * 1024);
  expect(code.length).toBeGreaterThan(50);
  // Names only the emulator's code has: its error class, its factory, its placeholder keys, its control API.
  // (Not its package name: the health route bundles package.json, whose scripts name the workspace.)
  const markers = ['EmulatorHttpError', 'createEmulatorFromConfig', 'agent_emulator_standin', 'sk_emulator_placeholder', '/control/state'];
  const holding = code.flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    return markers.filter((marker) => text.includes(marker)).map((marker) => `${file}: ${marker}`);
  });
  expect(holding).toEqual([]);
});

test('no function traces an emulator file or dependency; the LiveKit binary goes only with the routes that serve backend tools', () => {
  const all = traces();
  expect(all.size).toBeGreaterThan(30);
  const emulatorOnly = /(^|\/)emulator\/|node_modules\/(werift|opusscript|@echogarden|ws)\//;
  const leaking = [...all].flatMap(([route, files]) => files.filter((file) => emulatorOnly.test(file)).map((file) => `${route}: ${file}`));
  expect(leaking).toEqual([]);
  const withLiveKit = [...all]
    .filter(([, files]) => files.some((file) => file.includes('node_modules/@livekit/rtc-')))
    .map(([route]) => route);
  expect(withLiveKit.sort()).toEqual(['api/avatar/session/route', 'api/sessions/[id]/consume/route']);
});
