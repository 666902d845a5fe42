import type { Speaker, TranscriptLine } from './call-model';

/** What the SDK's useTranscript() returns per segment. */
export interface TranscriptSegment {
  id: string;
  text: string;
  final: boolean;
  participantIdentity: string;
}

/**
 * Who said a segment. Runway sends both sides' text over the data channel, often from the avatar worker's
 * identity, so the sender alone does not tell them apart: the segment id (`runway-transcription-<role>-<turn>`)
 * does. Native LiveKit transcriptions fall back to the sender: the agent/worker is the avatar.
 */
export function speakerOf(segment: Pick<TranscriptSegment, 'id' | 'participantIdentity'>, localIdentity?: string): Speaker {
  if (segment.id.startsWith('runway-transcription-assistant')) return 'avatar';
  if (segment.id.startsWith('runway-transcription-user')) return 'user';
  if (localIdentity && segment.participantIdentity === localIdentity) return 'user';
  return segment.participantIdentity.startsWith('agent') || segment.participantIdentity.startsWith('worker') ? 'avatar' : 'user';
}

export function toLines(segments: readonly TranscriptSegment[], localIdentity?: string): TranscriptLine[] {
  return segments
    .filter((segment) => segment.text.trim() !== '')
    .map((segment) => ({ id: segment.id, speaker: speakerOf(segment, localIdentity), text: segment.text.trim(), final: segment.final }));
}

const label = (speaker: Speaker, avatarName: string) => (speaker === 'avatar' ? avatarName : 'You');

export function transcriptMarkdown(lines: readonly TranscriptLine[], avatarName: string, title: string) {
  const body = lines.map((line) => `**${label(line.speaker, avatarName)}:** ${line.text}${line.final ? '' : ' _(interim)_'}`);
  return [`# ${title}`, '', ...body.flatMap((entry) => [entry, ''])].join('\n');
}

export function transcriptJson(lines: readonly TranscriptLine[], avatarName: string) {
  return JSON.stringify(
    lines.map((line) => ({
      speaker: label(line.speaker, avatarName),
      role: line.speaker === 'avatar' ? 'assistant' : 'user',
      text: line.text,
      final: line.final,
    })),
    null,
    2,
  );
}
