/**
 * What a deployment ships per function: the files `next build` traces into each route and page
 * (`.next/server/app/**\/*.nft.json`), summed by size, for a build made with a key (live mode, what a
 * deployment runs). The floor is the app's icon route, a route Next generates with none of the app's code,
 * in the same build. Any traced file of the emulator, or of a package only the emulator uses, is listed.
 *
 * Run: npm run bench:traces [-- --no-build]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { buildApp, machine, printTable, ROOT } from './bench-support';

const SERVER_APP = path.join(ROOT, '.next/server/app');
/** The packages only the emulator depends on: none of them may reach a function of the app. */
const EMULATOR_ONLY = /(^|\/)(emulator\/|node_modules\/(werift|opusscript|@echogarden|ws)\/)/;
const FLOOR = 'icon.svg/route';
const WATCHED = ['api/auth/login/route', 'page', 'history/page', 'api/sessions/route', 'api/avatar/session/route', 'api/health/route'];

const MB = 1024 * 1024;

function traced(nftFile: string) {
  const { files } = JSON.parse(readFileSync(nftFile, 'utf8')) as { files: string[] };
  const dir = path.dirname(nftFile);
  const absolute = [...files.map((file) => path.resolve(dir, file)), nftFile.replace(/\.nft\.json$/, '')];
  let bytes = 0;
  for (const file of absolute) {
    try {
      bytes += statSync(file).size;
    } catch {
      // A traced path that no longer exists (a dangling symlink) weighs nothing.
    }
  }
  const emulatorOnly = absolute.map((file) => path.relative(ROOT, file)).filter((file) => EMULATOR_ONLY.test(file));
  return { bytes, emulatorOnly };
}

function main() {
  console.log(`Traced server files per function: ${machine()}`);
  buildApp({ RUNWAYML_API_SECRET: 'key_bench_traces_0000', RUNWAYML_BASE_URL: 'http://127.0.0.1:9' });
  const all = new Map<string, ReturnType<typeof traced>>();
  for (const file of readdirSync(SERVER_APP, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.js.nft.json'))) {
    all.set(file.replace(/\.js\.nft\.json$/, ''), traced(path.join(SERVER_APP, file)));
  }
  const floor = all.get(FLOOR);
  if (!floor) throw new Error(`No trace for the floor route (${FLOOR}) in .next/server/app`);
  const largest = [...all].sort((a, b) => b[1].bytes - a[1].bytes)[0]!;
  const rows = [FLOOR, ...WATCHED.filter((name) => all.has(name)), largest[0]].map((name) => {
    const { bytes, emulatorOnly } = all.get(name)!;
    return [
      name === largest[0] ? `${name} (largest)` : name,
      (bytes / MB).toFixed(1),
      `+${((bytes - floor.bytes) / MB).toFixed(1)}`,
      `${(bytes / floor.bytes).toFixed(2)}x`,
      emulatorOnly.length,
    ];
  });
  printTable(['function', 'traced MB', 'over floor MB', 'ratio to floor', 'emulator-only files'], rows);
  const leaking = [...all].filter(([, trace]) => trace.emulatorOnly.length > 0);
  for (const [name, trace] of leaking)
    console.log(`${name}: ${trace.emulatorOnly.length} emulator-only files, e.g. ${trace.emulatorOnly[0]}`);
  console.log(`${all.size} functions traced; ${leaking.length} carry emulator-only files.`);
}

main();
