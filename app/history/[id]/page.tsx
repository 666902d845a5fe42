import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AvatarThumb } from '@/components/history/avatar-thumb';
import { DeleteConversation } from '@/components/history/delete-conversation';
import { ConversationStatusBadge } from '@/components/history/conversation-status-badge';
import { Transcript } from '@/components/history/transcript';
import { AppError } from '@/lib/errors';
import { formatDuration, formatUtc } from '@/lib/format';
import { runwayIdSchema } from '@/lib/schemas/ids';
import { requireAdminPage } from '@/lib/server/auth/admin';
import { getConversation } from '@/lib/server/runway/conversations';
import '@/components/history/history.css';

export const metadata: Metadata = { title: 'Conversation' };

type Props = { params: Promise<{ id: string }> };

async function load(id: string) {
  if (!runwayIdSchema.safeParse(id).success) notFound();
  try {
    // Fetched on every view: the recording link expires within 24–48 h and is never stored.
    return await getConversation(id);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') notFound();
    throw error;
  }
}

export default async function ConversationPage({ params }: Props) {
  const { id } = await params;
  await requireAdminPage(`/history/${encodeURIComponent(id)}`);
  const conversation = await load(id);
  const exportHref = (format: string) => `/api/conversations/${conversation.id}/export?format=${format}`;
  return (
    <>
      <p>
        <Link href="/history">← History</Link>
      </p>
      <header className="page-header">
        <h1 className="history-table__avatar">
          <AvatarThumb avatar={conversation.avatar} imageUrl={conversation.avatarImageUrl} />
          {conversation.avatar?.name ?? 'Unknown avatar'}
        </h1>
        <ConversationStatusBadge status={conversation.status} />
      </header>
      <dl className="facts panel">
        <div>
          <dt>Conversation</dt>
          <dd>{conversation.name}</dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>{formatUtc(conversation.startedAt ?? conversation.createdAt, true)}</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>{formatDuration(conversation.durationSeconds)}</dd>
        </div>
        <div>
          <dt>Tools</dt>
          <dd>{conversation.tools.length ? conversation.tools.map((tool) => tool.name).join(', ') : 'None'}</dd>
        </div>
      </dl>

      {conversation.failure && (
        <div className="notice notice--error panel" role="alert">
          <p>
            <strong>Failed: {conversation.failure.message}</strong> Code <code>{conversation.failure.code}</code>.
          </p>
          <p>Runway said: “{conversation.failure.detail}”</p>
        </div>
      )}

      <section className="panel" aria-labelledby="recording-heading">
        <h2 id="recording-heading">Recording</h2>
        {conversation.recordingUrl ? (
          <>
            <video className="player" controls preload="metadata" src={conversation.recordingUrl} aria-label="Call recording" />
            <p className="muted">
              This link expires within 24–48 hours; the page fetches a fresh one each time it loads.{' '}
              <a href={conversation.recordingUrl} download>
                Download the recording
              </a>
            </p>
          </>
        ) : (
          <p className="muted">No recording{conversation.status === 'in_progress' ? ' yet' : ' for this conversation'}.</p>
        )}
      </section>

      <section className="panel" aria-labelledby="transcript-heading">
        <h2 id="transcript-heading">Transcript</h2>
        <Transcript turns={conversation.transcript} status={conversation.status} />
      </section>

      <div className="row-actions">
        <a className="button" href={exportHref('markdown')} download>
          Export Markdown
        </a>
        <a className="button" href={exportHref('json')} download>
          Export JSON
        </a>
        <DeleteConversation id={conversation.id} />
      </div>
    </>
  );
}
