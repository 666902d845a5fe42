import 'server-only';
import { pageActionTools } from '@runwayml/avatars/api';
import { backendToolsFor, callToolsFor } from '@/lib/app-config';
import { elevenLabsAgentFor, elevenLabsIntegration } from '@/lib/server/integrations/elevenlabs/agents';
import type { SessionConversation, SessionTool } from '@/lib/server/runway/realtime-sessions';
import { toBackendWireTool } from '@/lib/tools/backend-catalog';
import { toWireTool, type ToolParameter } from '@/lib/tools/catalog';

/**
 * The tools a session with this avatar is created with (lib/app-config.ts `callTools`): client tools, page
 * actions and backend tools, or undefined for none. `@runwayml/avatars/api` imports nothing, so it is safe here; its page-action `highlight.duration`
 * omits `required: false`, and Runway treats parameters as required by default, so it is marked here.
 */
export function sessionTools(avatarId: string): SessionTool[] | undefined {
  const config = callToolsFor(avatarId);
  if (!config) return undefined;
  const pageActions = config.pageActions
    ? pageActionTools.map((tool) => ({
        type: tool.type,
        name: tool.name,
        description: tool.description,
        // The SDK types these as plain strings; they are 'string' and 'number'.
        parameters: tool.parameters.map((parameter) => ({
          ...parameter,
          type: parameter.type as ToolParameter['type'],
          required: parameter.name !== 'duration',
        })),
      }))
    : [];
  const tools = [...config.tools.map(toWireTool), ...pageActions, ...config.backendTools.map(toBackendWireTool)];
  return tools.length > 0 ? tools : undefined;
}

/**
 * What a session with this avatar is created with: for an avatar with an ElevenLabs agent, the agent's
 * fresh signed URL and nothing else (tools, personality and start script are the agent's); otherwise its tools.
 */
export async function sessionConversation(avatarId: string): Promise<SessionConversation> {
  const integration = await elevenLabsIntegration(avatarId);
  return integration ? { integration } : { tools: sessionTools(avatarId) };
}

/** The backend tools this server answers during a call: none when an ElevenLabs agent holds the conversation. */
export function sessionBackendTools(avatarId: string) {
  return elevenLabsAgentFor(avatarId) === undefined ? backendToolsFor(avatarId) : [];
}
