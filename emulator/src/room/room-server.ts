import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AgentMedia } from './agent-media';
import { agentVoice, greeting } from './agent-script';
import { EmulatedRoom, type RoomSession } from './room';
import { decodeJoinRequest, MAX_SIGNAL_BYTES, SignalFormatError } from './signal-codec';
import { RoomTokenError, verifyRoomToken, type RoomGrant } from './tokens';

/**
 * The emulated LiveKit server: `/rtc/v1` (single peer connection, the join request in the URL),
 * `/rtc/v1/validate` and their legacy `/rtc` twins' validate, on one HTTP port. ICE runs over UDP on
 * `iceAddress`. Rooms exist only for sessions the emulator consumed, and only as many as `maxRooms`.
 */

export interface RoomServerOptions {
  port: number;
  /** The interface the signalling port listens on. */
  host: string;
  iceAddress: string;
  maxRooms: number;
  departureTimeoutMs: number;
}

export interface RoomDirectory {
  /** The consumed session that owns this room, or undefined. */
  session: (roomName: string) => RoomSession | undefined;
  /** Room tokens are signed with this (HS256), by consume. */
  secret: Uint8Array;
  media: AgentMedia;
}

type Admission = { ok: true; grant: RoomGrant } | { ok: false; status: number; message: string };

export function createRoomServer(directory: RoomDirectory, options: RoomServerOptions) {
  const rooms = new Map<string, EmulatedRoom>();
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_SIGNAL_BYTES });

  async function admit(url: URL, authorization?: string): Promise<Admission> {
    // livekit-client puts the token in the URL; LiveKit's Rust SDK (@livekit/rtc-node) sends a bearer header.
    const token = url.searchParams.get('access_token') ?? authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (!token) return { ok: false, status: 401, message: 'no access token' };
    let grant: RoomGrant;
    try {
      grant = await verifyRoomToken(directory.secret, token);
    } catch (error) {
      if (error instanceof RoomTokenError) return { ok: false, status: 401, message: error.message };
      throw error;
    }
    if (!rooms.has(grant.room)) {
      if (!directory.session(grant.room)?.joinable()) return { ok: false, status: 404, message: 'requested room does not exist' };
      if (rooms.size >= options.maxRooms) return { ok: false, status: 503, message: 'the emulator is at its room limit' };
    }
    return { ok: true, grant };
  }

  function roomFor(name: string) {
    const existing = rooms.get(name);
    if (existing) return existing;
    const session = directory.session(name);
    if (!session?.joinable()) return undefined;
    const room = new EmulatedRoom(session, directory.media, options, (closed: EmulatedRoom) => {
      if (rooms.get(name) === closed) rooms.delete(name);
    });
    rooms.set(name, room);
    return room;
  }

  async function onRequest(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', 'http://room.invalid');
    // livekit-client calls validate from the page's origin after a failed upgrade, to read the reason.
    response.setHeader('Access-Control-Allow-Origin', '*');
    if (request.method !== 'GET' || !/^\/rtc(\/v1)?\/validate$/.test(url.pathname)) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const admission = await admit(url, request.headers.authorization);
    if (!admission.ok) response.writeHead(admission.status, { 'content-type': 'text/plain' }).end(admission.message);
    else response.writeHead(200, { 'content-type': 'text/plain' }).end('success');
  }

  async function onUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer) {
    const url = new URL(request.url ?? '/', 'http://room.invalid');
    const refuse = (status: number, message: string) => {
      socket.end(`HTTP/1.1 ${status} ${message}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== '/rtc/v1') return refuse(404, 'Not Found');
    const admission = await admit(url, request.headers.authorization);
    if (!admission.ok) return refuse(admission.status, admission.status === 401 ? 'Unauthorized' : 'Unavailable');
    sockets.handleUpgrade(request, socket, head, (ws: WebSocket) => {
      ws.on('error', () => ws.terminate());
      let joinRequest;
      try {
        joinRequest = decodeJoinRequest(url.searchParams.get('join_request') ?? '');
      } catch (error) {
        return ws.close(1008, error instanceof SignalFormatError ? error.message : 'bad join request');
      }
      const room = roomFor(admission.grant.room);
      if (!room) return ws.close(1008, 'requested room does not exist');
      room.join(ws, admission.grant, joinRequest).catch((error: unknown) => {
        console.warn('[emulator-room] join failed:', error instanceof Error ? error.message : error);
        ws.close(1011, 'join failed');
      });
    });
  }

  const server = createServer((request, response) => {
    onRequest(request, response).catch(() => response.writeHead(500).end());
  });
  server.on('upgrade', (request, socket, head) => {
    socket.on('error', () => socket.destroy());
    onUpgrade(request, socket, head as Buffer).catch(() => socket.destroy());
  });

  return {
    rooms,
    /** Removes a call's hidden backend participant, as a lost handler process would; false when it has none. */
    dropBackend: (sessionId: string) => [...rooms.values()].find((room) => room.session.sessionId === sessionId)?.dropBackend() ?? false,
    /** A session was just consumed: synthesise its greeting now, so the agent speaks as soon as media flows. */
    prepare(roomName: string) {
      const session = directory.session(roomName);
      if (session) directory.media.speak(greeting(session.script), agentVoice(session.script)).catch(() => undefined);
    },
    listen: () =>
      new Promise<number>((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port, options.host, () => {
          server.off('error', reject);
          const address = server.address();
          resolve(typeof address === 'object' && address ? address.port : options.port);
        });
      }),
    close: async () => {
      for (const room of rooms.values()) room.close('shutdown');
      sockets.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type RoomServer = ReturnType<typeof createRoomServer>;
