import 'server-only';
import { setTimeout as sleep } from 'node:timers/promises';
import { backendToolsFor } from '@/lib/app-config';
import { joinCallAsBackend, type BackendTool } from '@/lib/server/runway/backend-rpc';
import type { BackendToolName } from '@/lib/tools/backend-catalog';
import { runBackendTool, ToolFailure, ToolInputError } from './backend-tools';
import { recordToolCall } from './tool-activity';

/**
 * The backend tools of one call, from consume until the call ends: the handler joins the call's room,
 * serves each tool (validated arguments in, a compact result out), and records every call for the call page.
 * A handler that cannot join does not stop the call: the avatar's tool calls then fail, and it says so.
 * Logs name the session, never a token or key.
 */

/** Past the session's own cap, the handler lets go even if no disconnect ever arrived. */
const HOLD_SLACK_MS = 30_000;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : 'unknown error');

function serve(sessionId: string, name: BackendToolName): BackendTool {
  return async (args) => {
    const startedAt = performance.now();
    const at = new Date().toISOString();
    const record = (outcome: { result: Record<string, unknown> } | { error: string }) =>
      recordToolCall(sessionId, { name, arguments: args, outcome, durationMs: Math.round(performance.now() - startedAt), at }).catch(
        (error: unknown) => console.warn(`[backend-tools] ${sessionId}: could not record a ${name} call: ${messageOf(error)}`),
      );
    try {
      const result = runBackendTool(name, args);
      await record({ result });
      return result;
    } catch (error) {
      // Bad arguments and lookups that find nothing are answers the avatar can speak; anything else is a bug,
      // logged here and told to the avatar without its details.
      const known = error instanceof ToolInputError || error instanceof ToolFailure;
      if (!known) console.error(`[backend-tools] ${sessionId}: ${name} failed:`, error);
      const message = known ? error.message : `The ${name} tool failed.`;
      await record({ error: message });
      throw new Error(message);
    }
  };
}

/**
 * Serves the avatar's backend tools for this session until the call ends. Resolves, never rejects: keep it
 * alive with `after()` so a serverless function outlives the response.
 */
export async function serveBackendTools(sessionId: string, avatarId: string, maxDurationSeconds: number) {
  const names = backendToolsFor(avatarId);
  if (!names.length) return;
  let seat;
  try {
    seat = await joinCallAsBackend(sessionId, Object.fromEntries(names.map((name) => [name, serve(sessionId, name)])));
  } catch (error) {
    console.warn(`[backend-tools] ${sessionId}: could not join the call, so its backend tools will fail: ${messageOf(error)}`);
    return;
  }
  console.info(`[backend-tools] ${sessionId}: serving ${names.join(', ')}`);
  const cap = new AbortController();
  const reason = await Promise.race([
    seat.left.then(() => 'the call ended or the room dropped the handler'),
    sleep(maxDurationSeconds * 1000 + HOLD_SLACK_MS, 'the session reached its duration cap', { signal: cap.signal }),
  ]);
  cap.abort();
  await seat.close();
  console.info(`[backend-tools] ${sessionId}: stopped (${reason})`);
}
