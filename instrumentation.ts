import { parseEnv } from '@/lib/env-schema';

/**
 * Runs once when a server starts. `next dev|build|start` already check the environment in next.config.ts,
 * but the standalone server (the Dockerfile's `node server.js`) does not run that file: check here too, and
 * exit with the list of problems rather than answer every request with a 500.
 */
export function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  try {
    parseEnv(process.env);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
