import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config';
import { startEmulatorServer, type EmulatorServer } from '../src/server';

/** The emulator as its own process serves it: Runway's API, the control UI and API, on one port. */

const started: EmulatorServer[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((server) => server.close()));
});

async function start(env: Record<string, string> = {}) {
  const server = await startEmulatorServer(parseConfig({ EMULATOR_PORT: '0', EMULATOR_ROOM_PORT: '0', ...env }));
  started.push(server);
  return server;
}

const API = { authorization: 'Bearer key_test_0123456789', 'x-runway-version': '2024-11-06' };
const port = (server: EmulatorServer) => new URL(server.apiUrl).port;

/** This machine's address on its network, as another device would reach it. */
function lanAddress() {
  const address = Object.values(networkInterfaces())
    .flat()
    .find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address;
  if (!address) throw new Error('This test needs a non-loopback IPv4 interface to play another device on the network');
  return address;
}

describe('the emulator server', () => {
  it('serves Runway’s API, and the control UI and API beside it, on one port', async () => {
    const server = await start();
    expect(server.publicUrl).toBe(`http://localhost:${port(server)}`);
    expect((await fetch(`${server.apiUrl}/v1/avatars`, { headers: API })).status).toBe(200);
    expect((await fetch(`${server.apiUrl}/v1/avatars`)).status).toBe(401);

    const page = await fetch(`${server.apiUrl}/`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<h1>Runway emulator</h1>');
    expect((await fetch(`${server.apiUrl}/control/ui.js`)).headers.get('content-type')).toContain('text/javascript');

    const state = (await (await fetch(`${server.apiUrl}/control/state`)).json()) as { urls: unknown; sessions: unknown[] };
    expect(state).toMatchObject({ urls: { api: server.publicUrl, room: server.roomUrl }, sessions: [] });
  });

  it('queues known faults and refuses anything else with a clear 400; acts only on open rooms', async () => {
    const server = await start();
    const post = (path: string, body: unknown) =>
      fetch(`${server.apiUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(await (await post('/control/faults', { faults: ['never-ready', 'http-429'] })).json()).toEqual({
      queued: ['never-ready', 'http-429'],
    });
    const refused = await post('/control/faults', { faults: ['explode'] });
    expect(refused.status).toBe(400);
    // Runway's error shape, naming what would have been valid.
    expect(((await refused.json()) as { error: string }).error).toMatch(/expected one of .*never-ready/);
    expect((await post('/control/faults', { faults: [] })).status).toBe(400);
    const session = '3f2c1d9e-8a7b-4c6d-9e0f-1a2b3c4d5e6f';
    expect((await post(`/control/sessions/${session}/call-tool`, { tool: 'show_card' })).status).toBe(404);
    expect((await post(`/control/sessions/${session}/call-tool`, { tool: '' })).status).toBe(400);
    expect((await post(`/control/sessions/${session}/drop-signal`, {})).status).toBe(404);
    expect((await fetch(`${server.apiUrl}/control/nope`)).status).toBe(404);
  });

  it('answers the control UI and API on loopback only, unless EMULATOR_CONTROL=any; Runway’s API answers anyone', async () => {
    const lan = lanAddress();
    const shared = await start({ EMULATOR_BIND: '0.0.0.0', EMULATOR_PUBLIC_HOST: lan });
    const fromLan = `http://${lan}:${port(shared)}`;
    expect(shared.publicUrl).toBe(fromLan);
    expect((await fetch(`${fromLan}/v1/avatars`, { headers: API })).status).toBe(200);
    for (const path of ['/', '/control/state']) {
      const refused = await fetch(`${fromLan}${path}`);
      expect(refused.status).toBe(403);
      expect(await refused.json()).toEqual({ error: 'The control API answers on loopback only (EMULATOR_CONTROL)' });
    }
    expect((await fetch(`http://127.0.0.1:${port(shared)}/control/state`)).status).toBe(200);

    const open = await start({ EMULATOR_BIND: '0.0.0.0', EMULATOR_CONTROL: 'any' });
    expect((await fetch(`http://${lan}:${port(open)}/control/state`)).status).toBe(200);
  });

  it('names the variable to change when its port is taken', async () => {
    const first = await start();
    await expect(startEmulatorServer(parseConfig({ EMULATOR_PORT: port(first), EMULATOR_ROOM_PORT: '0' }))).rejects.toThrow(
      `Port ${port(first)} is in use. Stop what holds it, or set EMULATOR_PORT to another port.`,
    );
  });
});
