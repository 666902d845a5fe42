import { spawn } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { CANARY } from './canaries';
import { PORTS } from './ports';

test('a production server without AUTH_SECRET refuses to start and says how to make one (the build did not need it)', async () => {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'AUTH_SECRET'));
  const server = spawn(
    process.execPath,
    ['node_modules/next/dist/bin/next', 'start', '-p', String(PORTS.refusedStart), '-H', '127.0.0.1'],
    {
      env: { ...env, NODE_ENV: 'production', ADMIN_PASSWORD: CANARY.adminPassword, RUNWAYML_API_SECRET: CANARY.apiKey },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  server.stdout.on('data', (chunk: Buffer) => (output += chunk));
  server.stderr.on('data', (chunk: Buffer) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      server.kill();
      resolve(null);
    }, 30_000);
    server.once('exit', (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  expect(code).toBe(1);
  expect(output).toContain('AUTH_SECRET is required to run in production');
  expect(output).toContain('openssl rand -base64 32');
  expect(output).not.toContain(CANARY.adminPassword);
});
