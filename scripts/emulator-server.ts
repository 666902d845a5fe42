/**
 * The Runway API emulator as a standalone HTTP server, for running the app in live mode without Runway:
 *
 *   npm run emulator                      # serves on http://127.0.0.1:4010
 *   RUNWAYML_API_SECRET=key_local RUNWAYML_BASE_URL=http://127.0.0.1:4010 npm start
 *
 * The end-to-end tests use it to drive the live code path. Timings and faults come from the same
 * EMULATOR_* variables as the built-in emulator, and its media room listens on EMULATOR_ROOM_PORT, so a
 * call in live mode joins it exactly as it would join Runway's LiveKit room. `GET /__control/sessions` lists
 * every session with its readyAt and status-call count (no keys), for `npm run bench:load`, and
 * `POST /__control/faults` (`{"faults":["elevenlabs-500"]}`) queues faults as the app's /api/emulator does in
 * emulator mode; it listens on loopback only.
 */
import { createServer } from 'node:http';
import { emulatorActionBodySchema } from '@/lib/emulator/control-schema';
import { parseEnv } from '@/lib/env-schema';
import { createEmulatorFromEnv } from '@/lib/server/runway/emulator';

const port = Number(process.env.EMULATOR_PORT ?? 4010);
const emulator = createEmulatorFromEnv(parseEnv(process.env));

createServer(async (incoming, outgoing) => {
  if (incoming.method === 'GET' && incoming.url === '/__control/sessions') {
    outgoing.writeHead(200, { 'content-type': 'application/json' });
    outgoing.end(JSON.stringify(emulator.control.sessions()));
    return;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  if (incoming.method === 'POST' && incoming.url === '/__control/faults') {
    const action = emulatorActionBodySchema.safeParse(JSON.parse(Buffer.concat(chunks).toString() || '{}'));
    const queued = action.success && 'faults' in action.data ? emulator.control.queueFaults(action.data.faults) : undefined;
    outgoing.writeHead(queued ? 200 : 400, { 'content-type': 'application/json' });
    outgoing.end(JSON.stringify(queued ? { queued } : { error: 'Send {"faults":[…]} with known fault names' }));
    return;
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (typeof value === 'string') headers.set(name, value);
  }
  const method = incoming.method ?? 'GET';
  const request = new Request(`http://127.0.0.1:${port}${incoming.url ?? '/'}`, {
    method,
    headers,
    body: method === 'GET' || method === 'HEAD' ? undefined : Buffer.concat(chunks),
  });
  const response = await emulator.handle(request);
  outgoing.writeHead(response.status, Object.fromEntries(response.headers));
  outgoing.end(Buffer.from(await response.arrayBuffer()));
}).listen(port, '127.0.0.1', () => {
  console.log(`Runway API emulator listening on http://127.0.0.1:${port}`);
});
emulator.startRoom().then((roomPort) => console.log(`Emulated media room listening on port ${roomPort}`));
