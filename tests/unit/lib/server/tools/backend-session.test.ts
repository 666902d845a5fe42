import { Room, RoomEvent, RpcError } from '@livekit/rtc-node';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { joinCallAsBackend } from '@/lib/server/runway/backend-rpc';
import type { Caller } from '@/lib/server/sessions/access';
import { startCall } from '@/lib/server/sessions/lifecycle';
import { serveCall } from '@/lib/server/sessions/while-in-call';
import { ReadinessModel } from '@/lib/server/sessions/readiness-model';
import { serveBackendTools } from '@/lib/server/tools/backend-session';
import { listToolCalls } from '@/lib/server/tools/tool-activity';
import { useRunwayFake, type RunwayFake } from '@/tests/msw/runway';
import { useFreshLimits } from '@/tests/unit/security';
import { eventually } from '@/emulator/tests/room/room-client';

/**
 * Backend tools end to end on the server: the real `@runwayml/avatars-node-rpc` handler joins the emulated
 * room through `@livekit/rtc-node` (its native LiveKit core), and the emulated avatar worker calls it over
 * LiveKit RPC, as Runway's worker does. The visitor is an rtc-node participant too, so no browser is needed
 * (and its sockets are native, out of msw's way).
 */

const visitor: Caller = { client: 'backend-tools-test', admin: false };
const fastModel = () => new ReadinessModel({ prior: [[50, 120]] });

interface Visitor {
  room: Room;
  /** Every JSON message the avatar sent on the data channel. */
  data: Array<Record<string, unknown>>;
  send: (message: Record<string, unknown>) => Promise<void>;
}

interface Call {
  sessionId: string;
  visitor: Visitor;
  served?: Promise<void>;
}

async function joinAsVisitor(serverUrl: string, token: string): Promise<Visitor> {
  const room = new Room();
  const data: Visitor['data'] = [];
  room.on(RoomEvent.DataReceived, (payload) => data.push(JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>));
  // Its media is not what this file tests: nothing is subscribed, so nothing is decoded.
  await room.connect(serverUrl, token, { autoSubscribe: false, dynacast: false });
  const send = (message: Record<string, unknown>) =>
    room.localParticipant!.publishData(new TextEncoder().encode(JSON.stringify(message)), { reliable: true });
  return { room, data, send };
}

const open: Call[] = [];

async function startCallWithTools(fake: RunwayFake, { serve = true } = {}): Promise<Call> {
  const { credentials, servesTools } = await startCall('cat-character', visitor, { model: fastModel() });
  expect(servesTools?.sid).toBe(credentials.sessionId);
  const call: Call = { sessionId: credentials.sessionId, visitor: await joinAsVisitor(credentials.serverUrl, credentials.token) };
  open.push(call);
  await eventually(() => statusOf(fake, call.sessionId) === 'RUNNING');
  if (serve) {
    call.served = serveCall(servesTools!);
    await eventually(() => roomOf(fake, call.sessionId)?.backend?.connected);
  }
  return call;
}

const statusOf = (fake: RunwayFake, id: string) => fake.emulator.control.sessions().find((session) => session.id === id)?.status;
const roomOf = (fake: RunwayFake, id: string) => fake.emulator.control.rooms().find((room) => room.sessionId === id);
const transcriptOf = (fake: RunwayFake, id: string) =>
  fake.emulator.control.sessions().find((session) => session.id === id)?.transcript ?? [];

/** Asks the emulated avatar to call a tool now, as the emulator's control API does; its own made-up arguments unless given. */
function requestTool(fake: RunwayFake, call: Call, name: string, args?: Record<string, unknown>) {
  expect(fake.emulator.control.callTool(call.sessionId, name, args)).toBe(true);
}

/** The n-th backend tool answer the worker recorded in the conversation. */
function toolResult(fake: RunwayFake, call: Call, n: number, timeoutMs = 10_000) {
  return eventually(() => transcriptOf(fake, call.sessionId).flatMap((turn) => turn.toolResults ?? [])[n], timeoutMs);
}

/** What the avatar said, as the visitor read it word by word. */
const spoken = (call: Call) =>
  call.visitor.data
    .filter((message) => message.type === 'transcription' && message.role === 'assistant')
    .map((message) => message.text)
    .join('');

describe('backend tools in a call', () => {
  const fake = useRunwayFake({
    publicHost: '127.0.0.1',
    room: { port: 0, host: '127.0.0.1', iceAddress: '127.0.0.1', maxRooms: 5, departureTimeoutMs: 5_000 },
  });
  useFreshLimits();
  let logs: string[];

  beforeEach(async () => {
    logs = [];
    for (const level of ['info', 'warn', 'error'] as const) {
      vi.spyOn(console, level).mockImplementation((...parts: unknown[]) => void logs.push(parts.map(String).join(' ')));
    }
    await fake.emulator.startRoom();
  });

  afterEach(async () => {
    for (const call of open.splice(0)) await call.visitor.room.disconnect();
    await fake.emulator.stopRoom();
  });

  it(
    'looks up an order: the worker calls the handler over RPC, speaks the status, and the call and the page both record it',
    { timeout: 30_000 },
    async () => {
      const call = await startCallWithTools(fake);
      expect(roomOf(fake, call.sessionId)?.backend?.identity).toMatch(/^backend-/);
      // The visitor's room never lists the backend: the Runway SDK takes the first remote participant for the avatar.
      expect([...call.visitor.room.remoteParticipants.keys()]).toEqual([`worker:${call.sessionId}`]);

      requestTool(fake, call, 'lookup_order');
      const result = await toolResult(fake, call, 0);
      expect(result).toMatchObject({ name: 'lookup_order', result: { orderId: 'RC-1001', status: 'shipped' } });
      expect(result.durationMs).toBeLessThan(4_000);
      await eventually(() => spoken(call).includes('Order RC-1001 has shipped'), 20_000);

      const [listed] = await listToolCalls(call.sessionId, 0);
      expect(listed).toMatchObject({
        seq: 0,
        name: 'lookup_order',
        arguments: { orderId: 'RC-1001' },
        outcome: { result: { status: 'shipped' } },
      });
      expect(logs.join('\n')).toContain(`${call.sessionId}: serving lookup_order, check_availability`);
    },
  );

  it('an unknown order fails: the handler’s error comes back as the tool’s error (the e2e suite hears it said)', async () => {
    const call = await startCallWithTools(fake);
    requestTool(fake, call, 'lookup_order', { orderId: 'RC-9999' });
    expect(await toolResult(fake, call, 0)).toMatchObject({ name: 'lookup_order', error: 'No order RC-9999 was found.' });
    expect((await listToolCalls(call.sessionId, 0))[0]).toMatchObject({ seq: 0, outcome: { error: 'No order RC-9999 was found.' } });
  });

  it('bad arguments are an error result the avatar can speak, not a crash, and the handler goes on serving', async () => {
    const call = await startCallWithTools(fake, { serve: false });
    // A handler serving check_availability under lookup_order's name gets lookup_order's arguments: invalid for it.
    const seat = await joinCallAsBackend(call.sessionId, {
      lookup_order: async (args) => {
        if (typeof args.date !== 'string') throw new Error('Invalid arguments: date: required');
        return {};
      },
    });
    await eventually(() => roomOf(fake, call.sessionId)?.backend?.connected);
    requestTool(fake, call, 'lookup_order');
    expect(await toolResult(fake, call, 0)).toMatchObject({ error: 'Invalid arguments: date: required' });
    requestTool(fake, call, 'lookup_order');
    expect(await toolResult(fake, call, 1)).toMatchObject({ error: 'Invalid arguments: date: required' });
    await seat.close();
  });

  it('a handler slower than timeoutSeconds (4 s) gets the worker’s timeout, and its late answer is dropped', async () => {
    const call = await startCallWithTools(fake, { serve: false });
    const seat = await joinCallAsBackend(call.sessionId, {
      lookup_order: async () => {
        await sleep(4_500);
        return { status: 'late' };
      },
    });
    await eventually(() => roomOf(fake, call.sessionId)?.backend?.connected);
    requestTool(fake, call, 'lookup_order');
    const result = await toolResult(fake, call, 0, 8_000);
    expect(result).toMatchObject({ name: 'lookup_order', error: 'The tool did not answer within 4 s.' });
    expect(result.durationMs).toBeGreaterThanOrEqual(3_900);
    await sleep(1_000);
    expect(transcriptOf(fake, call.sessionId).flatMap((turn) => turn.toolResults ?? [])).toHaveLength(1);
    await seat.close();
  });

  it('refuses an RPC from anyone but the avatar worker', async () => {
    const call = await startCallWithTools(fake);
    const backend = roomOf(fake, call.sessionId)!.backend!.identity;
    // A visitor who learned the backend's identity calls its tools directly.
    const intruder = call.visitor.room;
    const identity = intruder.localParticipant!.identity;
    expect(identity).toMatch(/^visitor-/);
    const error = await intruder
      .localParticipant!.performRpc({ destinationIdentity: backend, method: 'lookup_order', payload: '{"orderId":"RC-1001"}' })
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(error).toBeInstanceOf(RpcError);
    expect((error as RpcError).message).toBe(`Unauthorized caller: ${identity}`);
    expect(await listToolCalls(call.sessionId, 0)).toEqual([]);
  });

  it.each(['backend-401', 'backend-404', 'backend-500'] as const)(
    'when connect_backend fails (%s), the call still runs and its tools fail',
    async (fault) => {
      fake.emulator.control.queueFaults([fault]);
      const call = await startCallWithTools(fake, { serve: false });
      await serveBackendTools(call.sessionId, 'cat-character', 60);
      expect(logs.join('\n')).toContain(`${call.sessionId}: could not join the call, so its backend tools will fail`);
      requestTool(fake, call, 'check_availability');
      expect(await toolResult(fake, call, 0)).toMatchObject({ name: 'check_availability', error: 'No backend is connected to this call.' });
      expect(statusOf(fake, call.sessionId)).toBe('RUNNING');
    },
  );

  it('when the handler’s room connection drops mid-call, it stops, the call goes on, and its tools fail', async () => {
    const call = await startCallWithTools(fake);
    requestTool(fake, call, 'lookup_order');
    await toolResult(fake, call, 0);
    expect(fake.emulator.control.dropBackend(call.sessionId)).toBe(true);
    await call.served;
    expect(logs.join('\n')).toContain(`${call.sessionId}: stopped (the call ended or the room dropped the handler)`);
    requestTool(fake, call, 'check_availability');
    expect(await toolResult(fake, call, 1)).toMatchObject({ error: 'No backend is connected to this call.' });
    expect(statusOf(fake, call.sessionId)).toBe('RUNNING');
  });

  it('when the call ends, the handler settles the session: its concurrency slot is free with no page asking', async () => {
    vi.stubEnv('MAX_CONCURRENT_SESSIONS', '1');
    const call = await startCallWithTools(fake);
    await expect(startCall('cat-character', visitor, { model: fastModel() })).rejects.toMatchObject({ code: 'rate_limited' });
    await call.visitor.send({ type: 'END_CALL' });
    await call.served;
    const next = await startCall('cat-character', visitor, { model: fastModel() });
    expect(next.credentials.sessionId).not.toBe(call.sessionId);
  });

  it('stops when the call ends, and no log line carries a token or the API key', async () => {
    const call = await startCallWithTools(fake);
    await call.visitor.send({ type: 'END_CALL' });
    await call.served;
    expect(statusOf(fake, call.sessionId)).toBe('COMPLETED');
    const all = logs.join('\n');
    expect(all).toContain(`${call.sessionId}: stopped`);
    expect(all).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
    expect(all).not.toContain('key_test_');
  });
});
