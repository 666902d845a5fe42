import { AppError } from '@/lib/errors';
import { roomEventBodySchema, roomParamsSchema } from '@/lib/schemas/emulator';
import { NO_STORE, route } from '@/lib/server/http';
import { getEmulatorControls } from '@/lib/server/runway/client';

/**
 * The emulated call's stand-in for the LiveKit room: `join` is the WebRTC connection (the session turns
 * RUNNING), `turn` is what the emulated call said (recorded for its conversation transcript), `end` is the
 * END_CALL data message `end()` sends (the session ends COMPLETED, not CANCELLED).
 * Authorised by the room token from consume, as LiveKit is.
 */
export const POST = route({ params: roomParamsSchema, body: roomEventBodySchema }, async ({ params, body }) => {
  const controls = getEmulatorControls();
  const session =
    body.event === 'turn'
      ? controls.recordTurn(params.roomName, body.token, body.turn)
      : body.event === 'join'
        ? controls.joinRoom(params.roomName, body.token)
        : controls.endCall(params.roomName, body.token);
  if (!session) throw new AppError('not_found', 'No emulated call with that room and token.');
  return Response.json({ status: session.status }, { headers: NO_STORE });
});
