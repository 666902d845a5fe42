import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EmulatorConfig } from './config';
import { handleControl, isControlPath } from './control';
import { createEmulatorFromConfig, type CreateEmulatorOptions } from './index';

/**
 * The emulator as a process of its own: Runway's REST API, the ElevenLabs stand-in, signed media and the
 * control UI and API on one HTTP port, and the media room on its own. The app knows only the API's URL.
 */

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export interface EmulatorServer {
  /** The REST API's URL as the app reaches it (RUNWAYML_BASE_URL). */
  apiUrl: string;
  /** The API's (and media's) origin as browsers reach it. */
  publicUrl: string;
  /** The room's signalling URL as browsers reach it. */
  roomUrl: string;
  close: () => Promise<void>;
}

/** A port someone else holds: said plainly, with what to do about it. */
export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly variable: string,
  ) {
    super(`Port ${port} is in use. Stop what holds it, or set ${variable} to another port.`);
  }
}

function listen(server: ReturnType<typeof createServer>, port: number, host: string, variable: string) {
  return new Promise<number>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(port, variable) : error),
    );
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

async function toRequest(incoming: IncomingMessage, outgoing: ServerResponse, origin: string): Promise<Request> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) for (const each of value) headers.append(name, each);
  }
  const method = incoming.method ?? 'GET';
  const chunks: Buffer[] = [];
  if (method !== 'GET' && method !== 'HEAD') for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const controller = new AbortController();
  // The client went away before the answer: a held handler (a slow fault) stops waiting, as fetch would.
  // On the response, not the socket: a kept-alive socket carries many requests.
  outgoing.once('close', () => {
    if (!outgoing.writableFinished) controller.abort();
  });
  return new Request(`${origin}${incoming.url ?? '/'}`, {
    method,
    headers,
    body: chunks.length ? Buffer.concat(chunks) : undefined,
    signal: controller.signal,
  });
}

async function send(outgoing: ServerResponse, response: Response) {
  outgoing.writeHead(response.status, Object.fromEntries(response.headers));
  outgoing.end(Buffer.from(await response.arrayBuffer()));
}

export async function startEmulatorServer(config: EmulatorConfig, overrides: Partial<CreateEmulatorOptions> = {}): Promise<EmulatorServer> {
  const host = config.EMULATOR_PUBLIC_HOST;
  const server = createServer();
  const port = await listen(server, config.EMULATOR_PORT, config.EMULATOR_BIND, 'EMULATOR_PORT');
  const publicUrl = `http://${host}:${port}`;
  const emulator = createEmulatorFromConfig(config, { publicHost: host, mediaBaseUrl: `${publicUrl}/media`, ...overrides });
  let roomPort: number;
  try {
    roomPort = await emulator.startRoom();
  } catch (error) {
    server.close();
    const code = (error as NodeJS.ErrnoException).code;
    throw code === 'EADDRINUSE' ? new PortInUseError(config.EMULATOR_ROOM_PORT, 'EMULATOR_ROOM_PORT') : error;
  }
  const urls = { api: publicUrl, room: `ws://${host}:${roomPort}` };
  const controlOpen = config.EMULATOR_CONTROL === 'any';

  server.on('request', (incoming: IncomingMessage, outgoing: ServerResponse) => {
    const work = async () => {
      const request = await toRequest(incoming, outgoing, `http://${incoming.headers.host ?? `127.0.0.1:${port}`}`);
      const { pathname } = new URL(request.url);
      if (!isControlPath(pathname)) return send(outgoing, await emulator.handle(request));
      if (!controlOpen && !LOOPBACK.has(incoming.socket.remoteAddress ?? '')) {
        return send(outgoing, Response.json({ error: 'The control API answers on loopback only (EMULATOR_CONTROL)' }, { status: 403 }));
      }
      return send(outgoing, await handleControl(emulator, request, { urls }));
    };
    work().catch((error: unknown) => {
      // The client gave up (an aborted fetch): nobody is left to answer.
      if (outgoing.headersSent || incoming.socket.destroyed) return void outgoing.destroy();
      console.error('[runway-emulator] unexpected error', error);
      void send(outgoing, Response.json({ error: 'Internal server error' }, { status: 500 }));
    });
  });

  return {
    apiUrl: `http://${config.EMULATOR_BIND === '0.0.0.0' ? '127.0.0.1' : config.EMULATOR_BIND}:${port}`,
    publicUrl,
    roomUrl: urls.room,
    close: async () => {
      await emulator.stopRoom();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
