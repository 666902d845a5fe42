/**
 * Runs once when a server starts. `next dev|build|start` already check the environment in next.config.ts,
 * but the standalone server (the Dockerfile's `node server.js`) does not run that file: check here too.
 * The check lives in a Node-only module, imported only in the Node runtime.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') await import('./instrumentation-node');
}
