/**
 * A preload for the benchmarks that import the app's server modules in plain Node (bench:session,
 * bench:tools, bench:elevenlabs): `server-only` resolves to its empty module, as the unit tests alias it.
 * The react-server condition would do that too, but it also hands next/navigation a React without
 * createContext, and lib/server/auth/admin.ts imports next/navigation. tsx loads those modules through
 * require, so the hook is on require's resolution.
 */
import Module, { createRequire } from 'node:module';
import path from 'node:path';

// The package exports only its entry point: its empty module sits beside it.
const empty = path.join(path.dirname(createRequire(import.meta.url).resolve('server-only')), 'empty.js');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'server-only' ? empty : resolve.call(this, request, ...rest);
};
