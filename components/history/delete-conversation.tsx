'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { historyApi } from '@/lib/history/history-api';

/** Delete, after an explicit second step: it removes the transcript and recording at Runway for good. */
export function DeleteConversation({ id }: { id: string }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function remove() {
    setBusy(true);
    setError(null);
    try {
      await historyApi.deleteConversation(id);
      router.push('/history?deleted=1');
      router.refresh();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : 'Could not delete the conversation.');
      setBusy(false);
    }
  }

  if (!confirming) {
    return (
      <button type="button" className="button" onClick={() => setConfirming(true)}>
        Delete conversation
      </button>
    );
  }
  return (
    <div role="group" aria-label="Confirm deletion" className="row-actions">
      <p>Delete this conversation, its transcript and its recording at Runway? This cannot be undone.</p>
      <button type="button" className="button button--danger" onClick={remove} disabled={busy}>
        {busy ? 'Deleting…' : 'Yes, delete'}
      </button>
      <button type="button" className="button" onClick={() => setConfirming(false)} disabled={busy} autoFocus>
        Cancel
      </button>
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
