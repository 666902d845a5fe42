import 'server-only';
import { parseEnv, type Env } from '@/lib/env-schema';

/** Unit tests change variables between calls (vi.stubEnv); a running server never does. */
const changesAtRunTime = process.env.NODE_ENV === 'test';
let parsed: Env | undefined;

/**
 * The only reader of process.env at run time. A server parses it once: a parse costs about 35 µs, and a
 * session's requests ask dozens of times (under load, parsing on every call took a quarter of the server's CPU).
 */
export function getEnv(): Env {
  if (changesAtRunTime) return parseEnv(process.env);
  return (parsed ??= Object.freeze(parseEnv(process.env)));
}
