import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { sharedRedis } from '@/lib/server/redis';

/**
 * A real redis-server on a free loopback port, for the tests of what every instance shares (no mock: the
 * limits' Lua and the registry's compare-and-set run as in production). npm test installs redis-server
 * first (scripts/ensure-test-tools.mjs).
 */

async function freePort() {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts one and waits until it answers; `stop()` closes this process's connections and ends it. */
export async function startRedisServer() {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  const url = `redis://127.0.0.1:${port}`;
  // The same database through its own connection, as another server instance would have.
  const otherUrl = `${url}/0`;
  const stop = () => {
    sharedRedis(url).disconnect();
    sharedRedis(otherUrl).disconnect();
    child.kill();
  };
  for (let tries = 0; tries < 100; tries += 1) {
    if (
      (await sharedRedis(url)
        .ping()
        .catch(() => '')) === 'PONG'
    )
      return { url, otherUrl, stop };
    await sleep(50);
  }
  stop();
  throw new Error('redis-server did not start');
}
