'use client';

import Link from 'next/link';
import { useState } from 'react';
import { managementApi } from '@/lib/avatars/management-api';
import { errorMessage } from '@/lib/form-errors';
import type { ManagedAvatar, Page } from '@/lib/avatars/types';
import { ActionFeedback } from '@/components/ui/action-feedback';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ProcessingStatusBadge } from './processing-status-badge';
import { useProcessingRefresh } from './use-polling';
import { useActionFeedback } from '@/components/ui/use-action-feedback';
import { DeleteButton } from '@/components/ui/buttons';

/** The admin's list of custom avatars: cursor pages, live status while processing, delete in place. */
export function AvatarManager({ initial }: { initial: Page<ManagedAvatar> }) {
  const [avatars, setAvatars] = useState(initial.items);
  const [cursor, setCursor] = useState(initial.nextCursor);
  const [loading, setLoading] = useState(false);
  const { error, setError, announcement, announce } = useActionFeedback();
  const [deleting, setDeleting] = useState<ManagedAvatar | null>(null);
  const [busy, setBusy] = useState(false);

  useProcessingRefresh(avatars, setAvatars, managementApi.avatar, announce);

  async function loadMore() {
    if (!cursor) return;
    setLoading(true);
    setError(null);
    try {
      const page = await managementApi.listAvatars(cursor);
      setAvatars((list) => [...list, ...page.items.filter((item) => !list.some((known) => known.id === item.id))]);
      setCursor(page.nextCursor);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setLoading(false);
    }
  }

  async function confirmDelete() {
    if (!deleting) return;
    setBusy(true);
    try {
      await managementApi.deleteAvatar(deleting.id);
      setAvatars((list) => list.filter((avatar) => avatar.id !== deleting.id));
      announce(`${deleting.name} was deleted.`);
      setDeleting(null);
    } catch (caught) {
      setError(errorMessage(caught));
      setDeleting(null);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <ActionFeedback announcement={announcement} error={error} />
      {avatars.length === 0 ? (
        <div className="empty">
          <h2>No characters yet</h2>
          <p>
            A character is a face, a voice and a personality. Upload a photo of one person, shoulders up and well lit, choose one of
            Runway’s 30 voices (or design your own), and describe how it should talk. Runway prepares it in about a minute; then anyone you
            publish it to can call it.
          </p>
          <Link className="button button--primary" href="/avatars/new">
            Create your first character
          </Link>
        </div>
      ) : (
        <ul className="manage-list" aria-label="Characters">
          {avatars.map((avatar) => (
            <li key={avatar.id} className="manage-row" aria-label={avatar.name}>
              {/* eslint-disable-next-line @next/next/no-img-element */}
              <img className="manage-row__thumb" src={avatar.imageUrl ?? '/avatars/placeholder.svg'} alt="" width={108} height={70} />
              <div className="manage-row__main">
                <h2 className="manage-row__name">{avatar.name}</h2>
                <p className="muted">
                  Voice: {avatar.voice.name}
                  {avatar.voice.deleted && <span className="tag tag--warning"> (deleted voice)</span>} · {avatar.documentIds.length}{' '}
                  {avatar.documentIds.length === 1 ? 'document' : 'documents'}
                </p>
                <ProcessingStatusBadge status={avatar.status} reason={avatar.failureReason} />
              </div>
              <div className="manage-row__actions">
                {avatar.status === 'ready' && (
                  <Link className="button button--primary" href={`/call/${avatar.id}`} aria-label={`Talk to ${avatar.name}`}>
                    Talk
                  </Link>
                )}
                <Link className="button" href={`/avatars/${avatar.id}`} aria-label={`Edit ${avatar.name}`}>
                  Edit
                </Link>
                <Link className="button" href={`/avatars/${avatar.id}/video`} aria-label={`Make a video with ${avatar.name}`}>
                  Make a video
                </Link>
                <DeleteButton name={avatar.name} onClick={() => setDeleting(avatar)} />
              </div>
            </li>
          ))}
        </ul>
      )}
      {cursor && (
        <button type="button" className="button load-more" onClick={loadMore} disabled={loading}>
          {loading ? 'Loading…' : 'Load more'}
        </button>
      )}
      {deleting && (
        <ConfirmDialog
          title={`Delete ${deleting.name}?`}
          confirmLabel={`Delete ${deleting.name}`}
          busy={busy}
          onConfirm={confirmDelete}
          onCancel={() => setDeleting(null)}
        >
          <p>
            {deleting.name} will be removed from your Runway account. Calls in progress end, and links to it stop working. Its knowledge
            documents and custom voice are kept.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
