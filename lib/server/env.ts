import 'server-only';
import { parseEnv, type Env } from '@/lib/env-schema';

/**
 * A production server's environment never changes; `next dev` reloads .env files into the running process
 * and unit tests change variables between calls, so both parse every time.
 */
const fixedForLife = process.env.NODE_ENV === 'production';
let parsed: Env | undefined;

/**
 * The only reader of process.env at run time. In production it parses once: a parse costs about 35 µs, and
 * a session's requests ask dozens of times (under load, parsing on every call took a quarter of the
 * server's CPU).
 */
export function getEnv(): Env {
  if (!fixedForLife) return parseEnv(process.env);
  return (parsed ??= Object.freeze(parseEnv(process.env)));
}
