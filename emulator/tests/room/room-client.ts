import {
  DataPacket,
  DataPacket_Kind,
  JoinRequest,
  SessionDescription,
  SignalRequest,
  SignalResponse,
  TrickleRequest,
  UserPacket,
  WrappedJoinRequest,
} from '@livekit/protocol';
import { RTCPeerConnection, type RTCDataChannel } from 'werift';
import { WebSocket } from 'ws';
import { createEmulator, RUNWAY_VERSION, type RunwayEmulator } from '../../src/index';

/**
 * A LiveKit participant as livekit-client 2.23 joins: one peer connection that offers recvonly audio and
 * video plus the `_reliable` data channel inside the join request, then answers, trickles and reads data
 * packets. Built on werift and the protobufs, so the room is tested over real WebRTC without a browser.
 */

const API_HEADERS = { authorization: 'Bearer key_test_room', 'x-runway-version': RUNWAY_VERSION, 'content-type': 'application/json' };

export function roomEmulator(overrides: { maxRooms?: number; departureTimeoutMs?: number } = {}) {
  return createEmulator({
    queuedMs: 0,
    readyMs: { min: 0, max: 0 },
    readyExpiryMs: 60_000,
    room: { port: 0, host: '127.0.0.1', iceAddress: '127.0.0.1', maxRooms: 20, departureTimeoutMs: 1_000, ...overrides },
  });
}

/** Create → READY → consume through the emulator's REST API, as the app's server does. */
export async function consumedSession(emulator: RunwayEmulator, body: Record<string, unknown> = {}) {
  const created = await emulator.handle(
    new Request('http://127.0.0.1/v1/realtime_sessions', {
      method: 'POST',
      headers: API_HEADERS,
      body: JSON.stringify({ model: 'gwm1_avatars', avatar: { type: 'runway-preset', presetId: 'cat-character' }, ...body }),
    }),
  );
  const { id } = (await created.json()) as { id: string };
  const status = (await (
    await emulator.handle(new Request(`http://127.0.0.1/v1/realtime_sessions/${id}`, { headers: API_HEADERS }))
  ).json()) as {
    sessionKey: string;
  };
  const consumed = await emulator.handle(
    new Request(`http://127.0.0.1/v1/realtime_sessions/${id}/consume`, {
      method: 'POST',
      headers: { authorization: `Bearer ${status.sessionKey}`, 'content-type': 'application/json' },
    }),
  );
  const credentials = (await consumed.json()) as { url: string; token: string; roomName: string };
  return { id, ...credentials };
}

export function encodeJoinRequest(request: JoinRequest) {
  return Buffer.from(new WrappedJoinRequest({ joinRequest: request.toBinary() }).toBinary()).toString('base64url');
}

export interface TestParticipant {
  socket: WebSocket;
  pc: RTCPeerConnection;
  reliable: RTCDataChannel;
  signals: SignalResponse['message'][];
  /** The JSON of every user packet received on the data channel. */
  data: Array<Record<string, unknown>>;
  videoPackets: () => number;
  audioPackets: () => number;
  send: (message: SignalRequest['message']) => void;
  sendData: (message: Record<string, unknown>) => void;
  closed: Promise<{ code: number; reason: string }>;
  close: () => Promise<void>;
}

export async function joinRoom(url: string, token: string): Promise<TestParticipant> {
  const pc = new RTCPeerConnection({
    iceInterfaceAddresses: { udp4: '127.0.0.1' },
    iceAdditionalHostAddresses: ['127.0.0.1'],
    iceUseIpv6: false,
    iceServers: [],
    bundlePolicy: 'max-bundle',
  });
  const audio = pc.addTransceiver('audio', { direction: 'recvonly' });
  const video = pc.addTransceiver('video', { direction: 'recvonly' });
  const reliable = pc.createDataChannel('_reliable');
  let videoPackets = 0;
  let audioPackets = 0;
  video.onTrack.subscribe((track) => track.onReceiveRtp.subscribe(() => (videoPackets += 1)));
  audio.onTrack.subscribe((track) => track.onReceiveRtp.subscribe(() => (audioPackets += 1)));
  await pc.setLocalDescription(await pc.createOffer());
  const join = new JoinRequest({ publisherOffer: new SessionDescription({ type: 'offer', sdp: pc.localDescription!.sdp, id: 1 }) });
  const socket = new WebSocket(`${url}/rtc/v1?access_token=${token}&join_request=${encodeJoinRequest(join)}`);
  const signals: TestParticipant['signals'] = [];
  const data: TestParticipant['data'] = [];
  const send = (message: SignalRequest['message']) => socket.send(new SignalRequest({ message }).toBinary());
  pc.onIceCandidate.subscribe((candidate) => {
    if (candidate && socket.readyState === socket.OPEN) {
      send({ case: 'trickle', value: new TrickleRequest({ candidateInit: JSON.stringify(candidate.toJSON()) }) });
    }
  });
  socket.on('message', (raw: Buffer) => {
    const { message } = SignalResponse.fromBinary(raw);
    signals.push(message);
    if (message.case === 'answer') void pc.setRemoteDescription({ type: 'answer', sdp: message.value.sdp });
    if (message.case === 'trickle') void pc.addIceCandidate(JSON.parse(message.value.candidateInit)).catch(() => undefined);
  });
  reliable.onMessage.subscribe((raw) => {
    if (typeof raw === 'string') return;
    const packet = DataPacket.fromBinary(raw);
    if (packet.value.case === 'user') data.push(JSON.parse(Buffer.from(packet.value.value.payload).toString()) as Record<string, unknown>);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    socket,
    pc,
    reliable,
    signals,
    data,
    videoPackets: () => videoPackets,
    audioPackets: () => audioPackets,
    send,
    sendData: (message) =>
      reliable.send(
        Buffer.from(
          new DataPacket({
            kind: DataPacket_Kind.RELIABLE,
            value: { case: 'user', value: new UserPacket({ payload: Buffer.from(JSON.stringify(message)) }) },
          }).toBinary(),
        ),
      ),
    closed,
    close: async () => {
      socket.close();
      await pc.close();
    },
  };
}

/** Polls until the check passes (the room runs on real timers and sockets). */
export async function eventually<T>(check: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
