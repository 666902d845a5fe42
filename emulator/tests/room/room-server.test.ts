import { readFileSync } from 'node:fs';
import { DisconnectReason, JoinRequest, LeaveRequest, LeaveRequest_Action, SignalRequest, TrackSource } from '@livekit/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { RunwayEmulator } from '../../src/index';
import { VERIFIED_LIVEKIT_CLIENT } from '../../src/room/room';
import { signRoomToken } from '../../src/room/tokens';
import { consumedSession, encodeJoinRequest, eventually, joinRoom, roomEmulator, type TestParticipant } from './room-client';

let emulator: RunwayEmulator;
const participants: TestParticipant[] = [];

beforeEach(async () => {
  emulator = roomEmulator();
  await emulator.startRoom();
});

afterEach(async () => {
  await Promise.all(participants.splice(0).map((participant) => participant.close()));
  await emulator.stopRoom();
});

/** Replaces this test's emulator with one whose room has other limits. */
async function restartWith(overrides: Parameters<typeof roomEmulator>[0]) {
  await emulator.stopRoom();
  emulator = roomEmulator(overrides);
  await emulator.startRoom();
}

async function join(url: string, token: string) {
  const participant = await joinRoom(url, token);
  participants.push(participant);
  return participant;
}

const httpOf = (url: string) => url.replace(/^ws:/, 'http:');
const statusOf = (id: string) => emulator.control.sessions().find((session) => session.id === id)?.status;
const assistantText = (participant: TestParticipant, turn: number) =>
  participant.data
    .filter((message) => message.type === 'transcription' && message.role === 'assistant' && message.turn === turn)
    .map((message) => message.text)
    .join('');

describe('the emulated LiveKit room, over real WebRTC', () => {
  it('joins as livekit-client does: JoinResponse first, the worker and its tracks listed, then media, speech and END_CALL', async () => {
    const session = await consumedSession(emulator, { startScript: 'Hello from the emulated room.' });
    expect(session.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    const visitor = await join(session.url, session.token);

    const first = await eventually(() => visitor.signals[0]);
    expect(first.case).toBe('join');
    const response = first.case === 'join' ? first.value : undefined;
    expect(response?.serverInfo?.version).not.toBe('');
    expect(response?.participant?.identity).toMatch(/^visitor-/);
    const [agent, ...others] = response?.otherParticipants ?? [];
    expect(others).toEqual([]);
    expect(agent?.identity).toBe(`worker:${session.id}`);
    expect(agent?.tracks.map((track) => TrackSource[track.source])).toEqual(['MICROPHONE', 'CAMERA']);

    const answer = await eventually(() => visitor.signals.find((message) => message.case === 'answer'));
    // The offer's id comes back, and each agent track is mapped to the mid it rides.
    expect(answer.case === 'answer' && answer.value.id).toBe(1);
    expect(answer.case === 'answer' && Object.values(answer.value.midToTrackId).sort()).toEqual(
      agent!.tracks.map((track) => track.sid).sort(),
    );

    await eventually(() => statusOf(session.id) === 'RUNNING');
    await eventually(() => visitor.videoPackets() > 20 && visitor.audioPackets() > 20);
    // The start script is spoken as turn 0, word by word, and it is the agent that is speaking meanwhile.
    await eventually(() => assistantText(visitor, 0) === 'Hello from the emulated room.');
    expect(visitor.signals.some((message) => message.case === 'speakersChanged' && message.value.speakers[0]?.sid === agent?.sid)).toBe(
      true,
    );

    visitor.sendData({ type: 'END_CALL' });
    await eventually(() => statusOf(session.id) === 'COMPLETED');
    expect(emulator.control.rooms()).toEqual([]);
    const transcript = emulator.control.sessions().find((entry) => entry.id === session.id)?.transcript;
    expect(transcript?.[0]).toMatchObject({ role: 'assistant', content: 'Hello from the emulated room.' });
  }, 20_000);

  it('calls a tool of the session when the control API asks, with arguments made up from its declared parameters', async () => {
    const tools = [
      {
        type: 'client_event',
        name: 'highlight_section',
        description: 'Highlight',
        parameters: [{ name: 'section', type: 'string', description: 's', enum: ['transcript'] }],
      },
    ];
    const session = await consumedSession(emulator, { tools });
    const visitor = await join(session.url, session.token);
    await eventually(() => statusOf(session.id) === 'RUNNING');
    expect(emulator.control.callTool(session.id, 'highlight_section')).toBe(true);
    expect(emulator.control.callTool(session.id, 'not_a_tool')).toBe(true);
    // A visitor cannot ask: only whoever runs the emulator can.
    visitor.sendData({ type: 'emulator.call_tool', tool: 'highlight_section' });
    const event = await eventually(() => visitor.data.find((message) => message.type === 'client_event'));
    expect(event).toEqual({ type: 'client_event', tool: 'highlight_section', args: { section: 'transcript' } });
    expect(visitor.data.filter((message) => message.type === 'client_event')).toHaveLength(1);
  }, 20_000);

  it('ends the call itself at maxDuration with a LeaveRequest, and the session COMPLETES', async () => {
    const session = await consumedSession(emulator, { maxDuration: 10 });
    const visitor = await join(session.url, session.token);
    await eventually(() => statusOf(session.id) === 'RUNNING');
    const leave = await eventually(() => visitor.signals.find((message) => message.case === 'leave'), 12_000);
    expect(leave.case === 'leave' && leave.value.reason).toBe(DisconnectReason.ROOM_CLOSED);
    expect(statusOf(session.id)).toBe('COMPLETED');
  }, 20_000);

  it('ends the session when the visitor leaves without END_CALL, after the departure timeout', async () => {
    const session = await consumedSession(emulator);
    const visitor = await join(session.url, session.token);
    await eventually(() => statusOf(session.id) === 'RUNNING');
    visitor.socket.terminate();
    await visitor.pc.close();
    await eventually(() => statusOf(session.id) === 'COMPLETED', 5_000);
    expect(emulator.control.rooms()).toEqual([]);
  }, 20_000);

  it('a visitor who drops and joins again hears every word once: what was said while away is delivered on return', async () => {
    const session = await consumedSession(emulator);
    const first = await join(session.url, session.token);
    await eventually(() => statusOf(session.id) === 'RUNNING');
    const words = (visitor: TestParticipant) =>
      visitor.data.filter((message) => message.type === 'transcription' && message.role === 'assistant').map((message) => message.text);
    await eventually(() => words(first).length >= 2);
    // A full reconnect, as livekit-client does after its peer connection fails: a new socket and peer.
    first.socket.terminate();
    await first.pc.close();
    const heardBefore = words(first);
    const second = await join(session.url, session.token);
    const greeting = await eventually(
      () => emulator.control.sessions()[0]?.transcript.find((turn) => turn.role === 'assistant')?.content ?? undefined,
    );
    const spoken = greeting.split(/\s+/).length;
    await eventually(() => heardBefore.length + words(second).length >= spoken, 15_000);
    expect([...heardBefore, ...words(second)].join('')).toBe(greeting);
  }, 30_000);

  it('hangs up on END_CALL even when the leave that follows it on the signal socket arrives first', async () => {
    // The Runway SDK sends END_CALL on the data channel, then leaves on the socket: two paths, either order.
    await restartWith({ departureTimeoutMs: 30_000 });
    const session = await consumedSession(emulator);
    const visitor = await join(session.url, session.token);
    await eventually(() => statusOf(session.id) === 'RUNNING');
    visitor.send({
      case: 'leave',
      value: new LeaveRequest({ reason: DisconnectReason.CLIENT_INITIATED, action: LeaveRequest_Action.DISCONNECT }),
    });
    await eventually(() => emulator.control.rooms()[0]?.visitor === undefined);
    visitor.sendData({ type: 'END_CALL' });
    // Well before the 30 s departure timeout: the END_CALL itself ended the call.
    await eventually(() => statusOf(session.id) === 'COMPLETED', 3_000);
    expect(emulator.control.rooms()).toEqual([]);
  }, 20_000);

  it('replaces a participant that joins again with the same identity (DUPLICATE_IDENTITY)', async () => {
    const session = await consumedSession(emulator);
    const first = await join(session.url, session.token);
    await eventually(() => first.signals[0]);
    await join(session.url, session.token);
    const leave = await eventually(() => first.signals.find((message) => message.case === 'leave'));
    expect(leave.case === 'leave' && leave.value.reason).toBe(DisconnectReason.DUPLICATE_IDENTITY);
    expect(emulator.control.rooms()).toHaveLength(1);
  }, 20_000);
});

describe('what the room refuses', () => {
  it('answers validate with 401 for a forged, expired or missing token, 404 for a room with no session, 200 otherwise', async () => {
    const session = await consumedSession(emulator);
    const validate = (token?: string) =>
      fetch(`${httpOf(session.url)}/rtc/v1/validate${token === undefined ? '' : `?access_token=${token}`}`);
    const [header, payload] = session.token.split('.');
    const forged = `${header}.${payload}.${'A'.repeat(43)}`;
    const otherKey = await signRoomToken(new Uint8Array(32), { identity: 'x', room: session.roomName, hidden: false }, 60);
    const expired = await signRoomToken(new Uint8Array(32), { identity: 'x', room: session.roomName, hidden: false }, -10);
    for (const token of [undefined, '', 'not-a-jwt', forged, otherKey, expired]) expect((await validate(token)).status).toBe(401);
    expect((await validate(session.token)).status).toBe(200);
  });

  it('refuses the WebSocket upgrade for a bad token, so the socket closes before any message', async () => {
    const session = await consumedSession(emulator);
    const socket = new WebSocket(`${session.url}/rtc/v1?access_token=forged&join_request=`);
    const status = await new Promise<number>((resolve) =>
      socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0)),
    );
    expect(status).toBe(401);
  });

  it('closes the socket on a malformed join request or signal message, and keeps serving', async () => {
    const session = await consumedSession(emulator);
    const closeCode = (socket: WebSocket) => new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    expect(await closeCode(new WebSocket(`${session.url}/rtc/v1?access_token=${session.token}&join_request=%%%`))).toBe(1008);
    expect(await closeCode(new WebSocket(`${session.url}/rtc/v1?access_token=${session.token}&join_request=AAAA`))).toBe(1008);

    const socket = new WebSocket(
      `${session.url}/rtc/v1?access_token=${session.token}&join_request=${encodeJoinRequest(new JoinRequest())}`,
    );
    const closed = closeCode(socket);
    await new Promise((resolve) => socket.once('message', resolve));
    socket.send(Buffer.from([0xff, 0xff, 0xff, 0x0f]));
    expect(await closed).toBe(1008);

    const oversized = new WebSocket(
      `${session.url}/rtc/v1?access_token=${session.token}&join_request=${encodeJoinRequest(new JoinRequest())}`,
    );
    const oversizedClosed = closeCode(oversized);
    await new Promise((resolve) => oversized.once('message', resolve));
    oversized.send(Buffer.alloc(70 * 1024));
    expect(await oversizedClosed).toBe(1009);
    expect((await fetch(`${httpOf(session.url)}/rtc/v1/validate?access_token=${session.token}`)).status).toBe(200);
  });

  it('survives a fuzzed signal socket: random bytes and truncated real messages never crash the server', async () => {
    const session = await consumedSession(emulator);
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const valid = new SignalRequest({ message: { case: 'ping', value: 1n } }).toBinary();
    for (let round = 0; round < 20; round += 1) {
      const socket = new WebSocket(
        `${session.url}/rtc/v1?access_token=${session.token}&join_request=${encodeJoinRequest(new JoinRequest())}`,
      );
      await new Promise((resolve) => socket.once('message', resolve));
      for (let message = 0; message < 25 && socket.readyState === socket.OPEN; message += 1) {
        const bytes =
          random() < 0.5
            ? valid.subarray(0, Math.floor(random() * valid.length))
            : Buffer.from(Array.from({ length: Math.floor(random() * 64) }, () => Math.floor(random() * 256)));
        socket.send(bytes);
      }
      socket.terminate();
    }
    expect((await fetch(`${httpOf(session.url)}/rtc/v1/validate?access_token=${session.token}`)).status).toBe(200);
  }, 20_000);

  it('opens no more rooms than its limit (503 at validate), and none for a session that is not READY', async () => {
    await restartWith({ maxRooms: 1 });
    const first = await consumedSession(emulator);
    await join(first.url, first.token);
    await eventually(() => emulator.control.rooms().length === 1);
    const second = await consumedSession(emulator);
    expect((await fetch(`${httpOf(second.url)}/rtc/v1/validate?access_token=${second.token}`)).status).toBe(503);
  });
});

describe('resources', () => {
  it('after 20 calls, the rooms, UDP sockets and timers are back to where they started', async () => {
    const count = (type: string) => process.getActiveResourcesInfo().filter((resource) => resource === type).length;
    const before = { udp: count('UDPWrap'), timers: count('Timeout') };
    for (let batch = 0; batch < 4; batch += 1) {
      await Promise.all(
        Array.from({ length: 5 }, async () => {
          const session = await consumedSession(emulator);
          const visitor = await joinRoom(session.url, session.token);
          await eventually(() => visitor.videoPackets() > 0);
          visitor.sendData({ type: 'END_CALL' });
          await eventually(() => statusOf(session.id) === 'COMPLETED');
          await visitor.close();
        }),
      );
    }
    expect(emulator.control.rooms()).toEqual([]);
    await eventually(() => count('UDPWrap') <= before.udp && count('Timeout') <= before.timers + 2, 5_000);
    expect(count('UDPWrap')).toBe(before.udp);
  }, 60_000);
});

describe('the livekit-client this room was checked against', () => {
  it('is the version installed: upgrading it means re-checking the room (signalling order, data packets, tracks)', () => {
    const installed = JSON.parse(readFileSync('node_modules/livekit-client/package.json', 'utf8')) as {
      version: string;
      dependencies: Record<string, string>;
    };
    const protocol = JSON.parse(readFileSync('node_modules/@livekit/protocol/package.json', 'utf8')) as { version: string };
    expect(installed.version).toBe(VERIFIED_LIVEKIT_CLIENT);
    // The room encodes with the protocol classes livekit-client itself decodes with.
    expect(protocol.version).toBe(installed.dependencies['@livekit/protocol']);
  });
});
