import type { BackendToolName, DemoToolName } from '@/lib/tools/catalog';

/** Which Runway the server talks to: the real API, or the built-in emulator. Decided once, on the server. */
export type RunwayMode = 'live' | 'emulator';

/**
 * The app's look and switches, in one typed place (isomorphic: the server reads it to pick tools at session
 * create, the call page to render). Edit this file to brand the starter; nothing else needs to change.
 */
export interface AppConfig {
  brandName: string;
  /** Any CSS colour. Feeds --accent and the Runway SDK's control variables (app/call/call.css). */
  accentColor: string;
  features: {
    /** The live transcript panel, captions over the video and the transcript on the end screen. */
    transcript: boolean;
    screenShare: boolean;
    /** Client tools and page actions, for the avatars listed in `callTools`. */
    tools: boolean;
  };
  /**
   * Tools are opt-in per avatar: id → the client tools its sessions are created with, whether the built-in
   * page actions (click, scroll_to, highlight) are offered too, and the backend tools this server answers
   * during the call (docs/backend-tools.md). Tools need a preset voice.
   */
  callTools: Record<string, { tools: DemoToolName[]; pageActions: boolean; backendTools: BackendToolName[] }>;
}

export const appConfig: AppConfig = {
  brandName: 'Runway Characters',
  accentColor: '#7c9cff',
  features: { transcript: true, screenShare: true, tools: true },
  callTools: {
    'cat-character': { tools: ['show_card', 'highlight_section'], pageActions: true, backendTools: ['lookup_order', 'check_availability'] },
  },
};

/** The tools a call with this avatar offers, or null when it offers none. */
export function callToolsFor(avatarId: string) {
  if (!appConfig.features.tools) return null;
  return appConfig.callTools[avatarId] ?? null;
}

/** The backend tools a call with this avatar offers (none when tools are off). */
export function backendToolsFor(avatarId: string): BackendToolName[] {
  return callToolsFor(avatarId)?.backendTools ?? [];
}
