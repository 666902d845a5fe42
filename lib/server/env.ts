import 'server-only';
import { parseEnv, type Env } from '@/lib/env-schema';

/** The only reader of process.env at run time. Parsing is microseconds, so tests can change env freely. */
export function getEnv(): Env {
  return parseEnv(process.env);
}
