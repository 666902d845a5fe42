import { z } from 'zod';

/**
 * "Call this tool now", sent by the call page's debug menu to the agent over the room's reliable data
 * channel. Runway's agent ignores messages it does not know; the emulated agent acts on it, so a demo or a
 * test can show a tool call on demand, through the room like every other agent action.
 */
export const TOOL_REQUEST_TYPE = 'emulator.call_tool';

export const toolRequestSchema = z.strictObject({ type: z.literal(TOOL_REQUEST_TYPE), tool: z.string().min(1).max(64) });

export function encodeToolRequest(tool: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(JSON.stringify({ type: TOOL_REQUEST_TYPE, tool }));
}
