import { AppError } from '@/lib/errors';
import { endCallBodySchema, endCallParamsSchema } from '@/lib/schemas/emulator';
import { NO_STORE, route } from '@/lib/server/http';
import { getEmulatorControls } from '@/lib/server/runway/client';

/**
 * The emulated call's hang-up: what `end()` does over LiveKit's data channel in a live call (END_CALL),
 * so the session ends COMPLETED rather than CANCELLED. Authorised by the room token from consume.
 */
export const POST = route({ params: endCallParamsSchema, body: endCallBodySchema }, async ({ params, body }) => {
  const session = getEmulatorControls().endCall(params.roomName, body.token);
  if (!session) throw new AppError('not_found', 'No emulated call with that room and token.');
  return Response.json({ status: session.status }, { headers: NO_STORE });
});
