import type { RunwayEmulator } from '@/lib/server/runway/emulator';
import type { RecordedTurn } from '@/lib/server/runway/emulator/store';

/**
 * What the emulated media room does to a session, without WebRTC: the visitor's media connects, a turn is
 * spoken, the call ends. Route and lifecycle tests use it; the room itself is tested over real WebRTC in
 * tests/unit/lib/server/runway/emulator/room/.
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
