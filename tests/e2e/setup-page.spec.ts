import { spawn } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { CANARY } from './canaries';
import { PORTS } from './ports';

/**
 * A serverless deployment with no Runway key has nothing to talk to: no key, and no emulator (which needs a
 * process of its own). Every page is the setup page, saying what to set and where, and the API refuses with
 * one clear error instead of half working. This build, started as Vercel would run it (VERCEL=1).
 */
test('with no key and no emulator, every page shows what to set and where, and a call start is refused plainly', async ({ page }) => {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (/^(RUNWAYML_|RUNWAY_PUBLIC|ELEVENLABS_)/.test(name)) delete env[name];
  const server = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', String(PORTS.setupApp), '-H', '127.0.0.1'], {
    env: { ...env, VERCEL: '1', ADMIN_PASSWORD: CANARY.adminPassword, AUTH_SECRET: CANARY.authSecret },
    stdio: 'ignore',
  });
  const origin = `http://127.0.0.1:${PORTS.setupApp}`;
  try {
    await expect.poll(async () => (await fetch(`${origin}/api/health`).catch(() => undefined))?.status, { timeout: 30_000 }).toBe(200);
    expect(await (await fetch(`${origin}/api/health`)).json()).toMatchObject({ mode: 'setup' });

    for (const path of ['/', '/call/cat-character', '/examples/minimal']) {
      await page.goto(`${origin}${path}`);
      await expect(page.getByRole('heading', { name: 'Finish setting up' })).toBeVisible();
      await expect(page.getByText('RUNWAYML_API_SECRET').first()).toBeVisible();
      await expect(page.getByText(/Settings → Environment Variables/)).toBeVisible();
      await expect(page.getByRole('button', { name: /Start call|Check camera/ })).toHaveCount(0);
    }

    const refused = await fetch(`${origin}/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ avatarId: 'cat-character' }),
    });
    expect(refused.status).toBe(503);
    expect(await refused.json()).toMatchObject({ error: { code: 'not_configured' } });
  } finally {
    server.kill();
  }
});
