/** App-shaped conversations (the history pages and their export); Runway's wire stays in lib/server/runway/. */

export type ConversationStatus = 'in_progress' | 'ended' | 'failed';

export interface ConversationAvatar {
  kind: 'preset' | 'custom';
  /** The preset id or custom avatar id; null when the custom avatar was deleted. */
  id: string | null;
  name: string;
}

export interface ConversationSummary {
  id: string;
  name: string;
  status: ConversationStatus;
  avatar: ConversationAvatar | null;
  createdAt: string;
  durationSeconds: number | null;
  hasTools: boolean;
}

export interface ToolCallEntry {
  id?: string;
  name: string;
  arguments: Record<string, unknown>;
}

export interface ToolResultEntry {
  id?: string;
  name: string;
  result?: unknown;
  error?: string | null;
  durationMs?: number | null;
}

export interface TranscriptTurn {
  role: 'user' | 'assistant';
  content: string | null;
  timestamp: string | null;
  toolCalls: ToolCallEntry[];
  toolResults: ToolResultEntry[];
}

export interface Conversation extends ConversationSummary {
  avatarImageUrl: string | null;
  startedAt: string | null;
  endedAt: string | null;
  maxDurationSeconds: number | null;
  /** Expires within 24–48 h: fetched fresh on every page load, never stored. */
  recordingUrl: string | null;
  tools: Array<{ name: string; description: string; type: 'client_event' | 'backend_rpc' }>;
  transcript: TranscriptTurn[];
  /** Failed conversations: the stable code, our message for it, and Runway's own (unstable) wording. */
  failure: { code: string; message: string; detail: string } | null;
}

export interface ConversationPage {
  conversations: ConversationSummary[];
  nextCursor: string | null;
  /** How many conversations the server read from Runway to fill this page (more than shown when filtering locally). */
  scanned: number;
}
