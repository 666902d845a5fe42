import type { RecordedTurn } from '../store';
import type { RunwayEmulator } from '../index';

/**
 * A testing kit for code that talks to the emulator in-process (tests hand it requests through msw): a clock
 * the test controls, direct API calls, and whole calls without WebRTC.
 */

export const FAST_TIMINGS = { queuedMs: 20, readyMs: { min: 80, max: 120 }, readyExpiryMs: 60_000 };

/**
 * What the emulated media room does to a session, without WebRTC: the visitor's media connects, a turn is
 * spoken, the call ends. Route and lifecycle tests use it; the room itself is tested over real WebRTC in
 * emulator/tests/room/.
 */
type Control = RunwayEmulator['control'];

export function joinRoom(control: Control, roomName: string) {
  control.roomSession(roomName)?.joined();
  return control.roomSession(roomName)?.status();
}

export function endCall(control: Control, roomName: string) {
  control.roomSession(roomName)?.ended();
  return control.roomSession(roomName)?.status();
}

export function recordTurn(control: Control, roomName: string, turn: Omit<RecordedTurn, 'at'>) {
  control.roomSession(roomName)?.turn(turn);
  return control.roomSession(roomName)?.status();
}

/**
 * Drives the emulator as the app and an emulated call do, on a clock the test controls: create a session,
 * wait for READY, consume, join the room, play turns, then hang up, cancel, or never join.
 */

export const API_HEADERS = {
  authorization: 'Bearer key_test_0123456789',
  'x-runway-version': '2024-11-06',
  'content-type': 'application/json',
};

export class TestClock {
  value = Date.parse('2026-11-20T10:00:00.000Z');
  now = () => this.value;
  advance(ms: number) {
    this.value += ms;
  }
}

export async function call(emulator: RunwayEmulator, method: string, path: string, body?: unknown) {
  return emulator.handle(
    new Request(`https://api.runway.test${path}`, {
      method,
      headers: API_HEADERS,
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
}

export interface CallScript {
  avatar?: { type: 'runway-preset'; presetId: string } | { type: 'custom'; avatarId: string };
  tools?: unknown[];
  turns?: Array<Omit<RecordedTurn, 'at'>>;
  /** How the call ends: hung up (COMPLETED), cancelled while running, left running, or never joined. */
  end?: 'hang-up' | 'cancel' | 'running' | 'never-joined';
  /** Seconds between join and the end. */
  seconds?: number;
}

export async function runCall(emulator: RunwayEmulator, clock: TestClock, script: CallScript = {}) {
  const { avatar = { type: 'runway-preset', presetId: 'cat-character' }, tools, turns = [], end = 'hang-up', seconds = 65 } = script;
  // Each call starts a second after the last, so newest-first order never ties.
  clock.advance(1_000);
  const created = await call(emulator, 'POST', '/v1/realtime_sessions', { model: 'gwm1_avatars', avatar, ...(tools ? { tools } : {}) });
  const { id } = (await created.json()) as { id: string };
  if (end === 'never-joined') return id;
  clock.advance(5_000);
  const ready = (await (await call(emulator, 'GET', `/v1/realtime_sessions/${id}`)).json()) as { status: string; sessionKey?: string };
  if (ready.status !== 'READY') return id;
  const consumed = await emulator.handle(
    new Request(`https://api.runway.test/v1/realtime_sessions/${id}/consume`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ready.sessionKey}`, 'content-type': 'application/json' },
    }),
  );
  const { roomName } = (await consumed.json()) as { roomName: string };
  joinRoom(emulator.control, roomName);
  for (const turn of turns) {
    clock.advance(2_000);
    recordTurn(emulator.control, roomName, turn);
  }
  clock.advance(seconds * 1000 - turns.length * 2_000);
  if (end === 'hang-up') endCall(emulator.control, roomName);
  if (end === 'cancel') await call(emulator, 'DELETE', `/v1/realtime_sessions/${id}`);
  return id;
}
