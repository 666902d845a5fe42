import { queueFaultsBodySchema } from '@/lib/schemas/emulator';
import { NO_STORE, route } from '@/lib/server/http';
import { getEmulatorControls } from '@/lib/server/runway/client';

/** Emulator mode only (404 with a key set): its sessions, and scripted faults for demos and tests. */

export const GET = route({}, async () => Response.json({ sessions: getEmulatorControls().sessions() }, { headers: NO_STORE }));

export const POST = route({ body: queueFaultsBodySchema }, async ({ body }) =>
  Response.json({ queued: getEmulatorControls().queueFaults(body.faults) }, { headers: NO_STORE }),
);
