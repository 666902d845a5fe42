import type { BackendToolName } from '@/lib/tools/backend-catalog';
import type { DemoToolName } from '@/lib/tools/catalog';

/**
 * Which Runway the server talks to: the real API, the emulator, or none yet (the setup page). Decided once,
 * on the server (lib/server/runway/mode.ts).
 */
export type RunwayMode = 'live' | 'emulator' | 'setup';

/** One colour scheme: each key becomes a CSS variable (`surface2` → `--surface-2`) in lib/theme.ts. */
export interface Palette {
  bg: string;
  surface: string;
  surface2: string;
  border: string;
  text: string;
  muted: string;
  /** Links, focus rings, primary buttons; also the Runway SDK's controls (app/call/call.css). */
  accent: string;
  /** Text on an accent background. */
  accentText: string;
  danger: string;
  /** Text on a danger background (the end-call button). */
  onDanger: string;
  warning: string;
  ok: string;
  /** Notices and status badges: a tinted background and the text that reads on it. */
  warningBg: string;
  warningText: string;
  okBg: string;
  dangerBg: string;
  dangerText: string;
  /** The visitor's turns in a transcript. */
  userBubble: string;
}

/**
 * The app's look and switches, in one typed place (isomorphic: the server reads it to pick tools at session
 * create, the call page to render). Edit this file to brand the starter; nothing else needs to change.
 */
export interface AppConfig {
  brandName: string;
  /**
   * Both colour schemes, each with enough contrast for text (WCAG AA). Visitors get the one their system
   * prefers until they pick one with the header's toggle; an embed can ask for one (docs/embed.md).
   */
  palettes: { light: Palette; dark: Palette };
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
  palettes: {
    dark: {
      bg: '#0b0d12',
      surface: '#141821',
      surface2: '#1c2130',
      border: '#2a3142',
      text: '#eef1f7',
      muted: '#9aa3b5',
      accent: '#7c9cff',
      accentText: '#0b0d12',
      danger: '#ff6b6b',
      onDanger: '#1a0505',
      warning: '#ffc857',
      ok: '#5ad19a',
      warningBg: '#3a2f10',
      warningText: '#ffe7a8',
      okBg: '#0f3326',
      dangerBg: '#3b1518',
      dangerText: '#ffd0d0',
      userBubble: '#1d2a4a',
    },
    light: {
      bg: '#f6f7fb',
      surface: '#ffffff',
      surface2: '#eef0f6',
      border: '#c3cad8',
      text: '#151922',
      muted: '#4f586a',
      accent: '#3451c7',
      accentText: '#ffffff',
      danger: '#b42318',
      onDanger: '#ffffff',
      warning: '#855000',
      ok: '#15663d',
      warningBg: '#fff1cc',
      warningText: '#583800',
      okBg: '#e2f5ea',
      dangerBg: '#fde7e7',
      dangerText: '#8a1c1c',
      userBubble: '#dde5fb',
    },
  },
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
