import type { Conversation, TranscriptTurn } from '@/lib/history/types';

/**
 * A conversation as a file to keep: JSON (everything but the expiring recording link) or Markdown (for people).
 * Isomorphic and pure, so the export route and tests share it.
 */

export function conversationToJson(conversation: Conversation) {
  const { recordingUrl, ...rest } = conversation;
  return { ...rest, hasRecording: recordingUrl !== null };
}

const time = (timestamp: string | null) => (timestamp ? timestamp.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC') : 'time unknown');

const fenced = (value: unknown) => `\`${JSON.stringify(value)}\``;

function turnToMarkdown(turn: TranscriptTurn) {
  const lines = [`**${turn.role === 'user' ? 'User' : 'Assistant'}** · ${time(turn.timestamp)}`, ''];
  if (turn.content) lines.push(turn.content, '');
  for (const call of turn.toolCalls) lines.push(`- Tool call \`${call.name}\` ${fenced(call.arguments)}`);
  for (const result of turn.toolResults) {
    const outcome = result.error ? `error: ${result.error}` : `result: ${fenced(result.result ?? null)}`;
    const took = typeof result.durationMs === 'number' ? ` (${result.durationMs} ms)` : '';
    lines.push(`- Tool result \`${result.name}\` ${outcome}${took}`);
  }
  if (turn.toolCalls.length || turn.toolResults.length) lines.push('');
  return lines.join('\n');
}

export function conversationToMarkdown(conversation: Conversation) {
  const { avatar } = conversation;
  const lines = [
    `# ${conversation.name}`,
    '',
    `- Conversation: \`${conversation.id}\``,
    `- Avatar: ${avatar ? `${avatar.name} (${avatar.kind})` : 'unknown'}`,
    `- Status: ${conversation.status}`,
    `- Started: ${time(conversation.startedAt ?? conversation.createdAt)}`,
    `- Duration: ${conversation.durationSeconds === null ? 'not started' : `${conversation.durationSeconds} s`}`,
  ];
  if (conversation.tools.length) lines.push(`- Tools: ${conversation.tools.map((tool) => `\`${tool.name}\` (${tool.type})`).join(', ')}`);
  if (conversation.failure) lines.push(`- Failure: ${conversation.failure.code}: ${conversation.failure.detail}`);
  lines.push('', '## Transcript', '');
  if (!conversation.transcript.length) lines.push('_No transcript: cancelled and failed sessions keep none._', '');
  lines.push(...conversation.transcript.map(turnToMarkdown));
  return `${lines.join('\n').trimEnd()}\n`;
}
