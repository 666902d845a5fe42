'use client';

import Link from 'next/link';
import { useState } from 'react';
import { historyApi } from '@/lib/history/history-api';
import { formatDuration, formatUtc } from '@/lib/format';
import type { ConversationPage, ConversationSummary } from '@/lib/history/types';
import type { HistoryFilters } from '@/lib/history/conversation-schema';
import { AvatarThumb, type AvatarImages } from './avatar-thumb';
import { ConversationStatusBadge } from './conversation-status-badge';
import { Badge } from '@/components/ui/badge';

interface Props {
  initial: ConversationPage;
  filters: HistoryFilters;
  avatarImages: AvatarImages;
  /** Whether our server (not Runway) applies some of the filters, so a page may have read more than it shows. */
  filteredLocally: boolean;
}

/** The history table, newest first; "Load more" follows Runway's cursor. */
export function ConversationList({ initial, filters, avatarImages, filteredLocally }: Props) {
  const [rows, setRows] = useState<ConversationSummary[]>(initial.conversations);
  const [cursor, setCursor] = useState(initial.nextCursor);
  const [scanned, setScanned] = useState(initial.scanned);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function loadMore() {
    if (!cursor) return;
    setLoading(true);
    setError(null);
    try {
      const page = await historyApi.conversations(filters, cursor);
      setRows((current) => [...current, ...page.conversations]);
      setCursor(page.nextCursor);
      setScanned((current) => current + page.scanned);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : 'Could not load more conversations.');
    } finally {
      setLoading(false);
    }
  }

  return (
    <>
      {rows.length === 0 ? (
        <p className="empty">{cursor ? 'No matching conversations in the ones read so far.' : 'No conversations match.'}</p>
      ) : (
        <div className="table-wrap">
          <table className="history-table">
            <caption className="sr-only">Conversations, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Avatar</th>
                <th scope="col">Started</th>
                <th scope="col">Duration</th>
                <th scope="col">Status</th>
                <th scope="col">Tools</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <th scope="row">
                    <Link href={`/history/${row.id}`} className="history-table__avatar">
                      <AvatarThumb
                        avatar={row.avatar}
                        imageUrl={row.avatar?.kind === 'custom' && row.avatar.id ? (avatarImages[row.avatar.id] ?? null) : null}
                      />
                      <span>{row.avatar?.name ?? 'Unknown avatar'}</span>
                    </Link>
                  </th>
                  <td>
                    <time dateTime={row.createdAt}>{formatUtc(row.createdAt)}</time>
                  </td>
                  <td>{formatDuration(row.durationSeconds)}</td>
                  <td>
                    <ConversationStatusBadge status={row.status} />
                  </td>
                  <td>{row.hasTools ? <Badge tone="tools">Tools</Badge> : <span className="sr-only">No tools</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="history-more">
        {filteredLocally && (
          <p className="muted" role="status">
            Read {scanned} conversation{scanned === 1 ? '' : 's'} from Runway to find {rows.length} match{rows.length === 1 ? '' : 'es'}.
          </p>
        )}
        {cursor && (
          <button type="button" className="button" onClick={loadMore} disabled={loading}>
            {loading ? 'Loading…' : 'Load more'}
          </button>
        )}
        {error && (
          <p className="field__error" role="alert">
            {error}
          </p>
        )}
      </div>
    </>
  );
}
