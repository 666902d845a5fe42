import { emulatorActionBodySchema } from '@/lib/emulator/control-schema';
import { AppError } from '@/lib/errors';
import { NO_STORE, route } from '@/lib/server/http';
import { getEmulatorControls } from '@/lib/server/runway/client';

/** Emulator mode only (404 with a key set): its sessions and rooms, scripted faults, and signal and backend drops. */

export const GET = route({}, async () => {
  const controls = getEmulatorControls();
  return Response.json({ sessions: controls.sessions(), rooms: controls.rooms() }, { headers: NO_STORE });
});

export const POST = route({ body: emulatorActionBodySchema }, async ({ body }) => {
  const controls = getEmulatorControls();
  if ('faults' in body) return Response.json({ queued: controls.queueFaults(body.faults) }, { headers: NO_STORE });
  if ('dropBackend' in body) {
    if (!controls.dropBackend(body.dropBackend)) throw new AppError('not_found', 'No backend is in a call for that session.');
    return Response.json({ dropped: body.dropBackend }, { headers: NO_STORE });
  }
  if (!controls.dropSignal(body.dropSignal)) throw new AppError('not_found', 'No call is running for that session.');
  return Response.json({ dropped: body.dropSignal }, { headers: NO_STORE });
});
