'use client';

import { useState } from 'react';
import { managementApi } from '@/lib/avatars/management-api';
import { errorMessage } from '@/lib/form-errors';
import type { KnowledgeDocument } from '@/lib/avatars/types';

/**
 * Which characters use a document, with attach and detach. Runway's update replaces an avatar's whole
 * `documentIds`, so each change reads the avatar's current list first and sends it back changed.
 */
export function DocumentAttachments({
  document,
  avatars,
  onChange,
}: {
  document: KnowledgeDocument;
  avatars: Array<{ id: string; name: string }>;
  onChange: () => Promise<void>;
}) {
  const [choice, setChoice] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const attachable = avatars.filter((avatar) => !document.usedBy.some((user) => user.id === avatar.id));

  async function change(avatarId: string, attach: boolean) {
    setBusy(true);
    setError(null);
    try {
      const { documentIds } = await managementApi.avatar(avatarId);
      await managementApi.updateAvatar(avatarId, {
        documentIds: attach ? [...documentIds, document.id] : documentIds.filter((id) => id !== document.id),
      });
      setChoice('');
      await onChange();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="attachments" aria-label="Characters using this document">
      <h3>Used by</h3>
      {document.usedBy.length === 0 ? (
        <p className="muted">No character uses this document yet.</p>
      ) : (
        <ul>
          {document.usedBy.map((user) => (
            <li key={user.id}>
              {user.name}{' '}
              <button type="button" className="button button--small" disabled={busy} onClick={() => change(user.id, false)}>
                Detach from {user.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      {attachable.length > 0 && (
        <div className="attachments__add">
          <label htmlFor="attach-to">Attach to</label>
          <select id="attach-to" value={choice} onChange={(event) => setChoice(event.target.value)}>
            <option value="">Choose a character…</option>
            {attachable.map((avatar) => (
              <option key={avatar.id} value={avatar.id}>
                {avatar.name}
              </option>
            ))}
          </select>
          <button type="button" className="button button--small" disabled={!choice || busy} onClick={() => change(choice, true)}>
            Attach
          </button>
        </div>
      )}
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
