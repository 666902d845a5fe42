import { z } from 'zod';
import { FAULTS } from './config';
import { CONTROL_UI_HTML, CONTROL_UI_SCRIPT } from './control-ui';
import { EmulatorHttpError, readJson, validate } from './http';
import type { RunwayEmulator } from './index';

/**
 * The control API, beside Runway's: what a developer or a test does to the emulator that Runway's API cannot
 * ask for. `GET /` is the control UI built on it. All of it is for whoever runs the emulator, so server.ts
 * serves it to loopback clients only unless EMULATOR_CONTROL=any.
 *
 *   GET  /control/state                          sessions, rooms, queued faults, the URLs handed out
 *   POST /control/faults        {"faults":[…]}   queue scripted faults (config.ts FAULTS)
 *   POST /control/sessions/:id/call-tool {"tool","args"?} make the avatar call one of its tools now
 *   POST /control/sessions/:id/drop-signal       cut the visitor's signal socket, as a network drop would
 *   POST /control/sessions/:id/drop-backend      remove the backend participant, as a lost handler would
 */

export const faultsBodySchema = z.strictObject({ faults: z.array(z.enum(FAULTS)).min(1).max(20) });
const callToolBodySchema = z.strictObject({ tool: z.string().min(1).max(64), args: z.record(z.string(), z.unknown()).optional() });
const sessionAction = /^\/control\/sessions\/([0-9a-f-]{36})\/(call-tool|drop-signal|drop-backend)$/;

export interface ControlInfo {
  /** Where the app and browsers reach the REST API, and where calls join the room. */
  urls: { api: string; room: string };
}

export const isControlPath = (pathname: string) => pathname === '/' || pathname.startsWith('/control/');

export async function handleControl(emulator: RunwayEmulator, request: Request, info: ControlInfo): Promise<Response> {
  const { pathname } = new URL(request.url);
  try {
    if (request.method === 'GET' && pathname === '/') return page(CONTROL_UI_HTML, 'text/html; charset=utf-8');
    if (request.method === 'GET' && pathname === '/control/ui.js') return page(CONTROL_UI_SCRIPT, 'text/javascript; charset=utf-8');
    if (request.method === 'GET' && pathname === '/control/state') {
      const { control } = emulator;
      const media = control.media(new URL(request.url).origin);
      return Response.json({ ...info, sessions: control.sessions(), rooms: control.rooms(), faults: control.queueFaults([]), media });
    }
    if (request.method === 'POST' && pathname === '/control/faults') {
      const { faults } = validate(faultsBodySchema, await readJson(request), 'body');
      return Response.json({ queued: emulator.control.queueFaults(faults) });
    }
    const action = pathname.match(sessionAction);
    if (request.method === 'POST' && action) {
      const [, sessionId, verb] = action as unknown as [string, string, string];
      const call = verb === 'call-tool' ? validate(callToolBodySchema, await readJson(request), 'body') : undefined;
      const done = call
        ? emulator.control.callTool(sessionId, call.tool, call.args)
        : verb === 'drop-signal'
          ? emulator.control.dropSignal(sessionId)
          : emulator.control.dropBackend(sessionId);
      if (!done) throw new EmulatorHttpError(404, 'No open room for that session');
      return Response.json({ ok: true });
    }
    throw new EmulatorHttpError(404, 'Not found');
  } catch (error) {
    if (error instanceof EmulatorHttpError) return error.toResponse();
    throw error;
  }
}

// The page runs only its own script: nothing it shows (tool names, transcripts) can run as code.
const page = (body: string, type: string) =>
  new Response(body, {
    headers: {
      'content-type': type,
      'cache-control': 'no-store',
      'content-security-policy':
        "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; media-src *; img-src *",
      'x-content-type-options': 'nosniff',
    },
  });
