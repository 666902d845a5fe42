'use client';

import { useState } from 'react';
import { managementApi } from '@/lib/avatars/management-api';
import type { KnowledgeDocument, Page } from '@/lib/avatars/types';
import { ActionFeedback } from '@/components/ui/action-feedback';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { DocumentAttachments } from './document-attachments';
import { DocumentEditor } from './document-editor';
import { useActionFeedback } from '@/components/ui/use-action-feedback';
import { DeleteButton } from '@/components/ui/buttons';

const names = (users: KnowledgeDocument['usedBy']) => users.map((user) => user.name).join(', ');

/** Knowledge documents: list with who uses each, create, open to view and edit, attach and detach, delete. */
export function DocumentManager({ initial, avatars }: { initial: Page<KnowledgeDocument>; avatars: Array<{ id: string; name: string }> }) {
  const [documents, setDocuments] = useState(initial.items);
  const [cursor, setCursor] = useState(initial.nextCursor);
  const [open, setOpen] = useState<KnowledgeDocument | null>(null);
  const [deleting, setDeleting] = useState<KnowledgeDocument | null>(null);
  const [busy, setBusy] = useState(false);
  const { error, announcement, announce, guard } = useActionFeedback();

  const replace = (document: KnowledgeDocument) =>
    setDocuments((list) => list.map((item) => (item.id === document.id ? { ...document, content: undefined } : item)));
  const reopen = async (id: string) => {
    const fresh = await managementApi.document(id);
    setOpen(fresh);
    replace(fresh);
  };

  return (
    <>
      <ActionFeedback announcement={announcement} error={error} />
      {open ? (
        <section className="panel" aria-label={`Document ${open.name}`}>
          <h2>{open.name}</h2>
          <DocumentEditor
            key={`${open.id}:${open.updatedAt}`}
            document={open}
            onCancel={() => setOpen(null)}
            onSaved={(saved) => {
              setOpen(saved);
              replace(saved);
              announce(`${saved.name} saved.`);
            }}
          />
          <DocumentAttachments document={open} avatars={avatars} onChange={() => guard(() => reopen(open.id))} />
        </section>
      ) : (
        <section className="panel" aria-labelledby="new-document">
          <h2 id="new-document">New document</h2>
          <DocumentEditor
            onSaved={(created) => {
              setDocuments((list) => [{ ...created, content: undefined }, ...list]);
              announce(`${created.name} created.`);
            }}
          />
        </section>
      )}

      <h2>Your documents</h2>
      {documents.length === 0 ? (
        <p className="muted">
          No documents yet. Facts, FAQs and product notes written here become knowledge your characters can use in calls.
        </p>
      ) : (
        <ul className="manage-list" aria-label="Documents">
          {documents.map((document) => (
            <li key={document.id} className="manage-row" aria-label={document.name}>
              <div className="manage-row__main">
                <h3>{document.name}</h3>
                <p className="muted">{document.usedBy.length ? `Used by ${names(document.usedBy)}` : 'Not attached to any character'}</p>
              </div>
              <div className="manage-row__actions">
                <button
                  type="button"
                  className="button"
                  onClick={() => guard(() => reopen(document.id))}
                  aria-label={`Open ${document.name}`}
                >
                  Open
                </button>
                <DeleteButton name={document.name} onClick={() => setDeleting(document)} />
              </div>
            </li>
          ))}
        </ul>
      )}
      {cursor && (
        <button
          type="button"
          className="button load-more"
          onClick={() =>
            guard(async () => {
              const page = await managementApi.listDocuments(cursor);
              setDocuments((list) => [...list, ...page.items]);
              setCursor(page.nextCursor);
            })
          }
        >
          Load more
        </button>
      )}
      {deleting && (
        <ConfirmDialog
          title={`Delete ${deleting.name}?`}
          confirmLabel={`Delete ${deleting.name}`}
          busy={busy}
          onCancel={() => setDeleting(null)}
          onConfirm={() =>
            guard(async () => {
              setBusy(true);
              try {
                await managementApi.deleteDocument(deleting.id);
                setDocuments((list) => list.filter((item) => item.id !== deleting.id));
                if (open?.id === deleting.id) setOpen(null);
                announce(`${deleting.name} deleted.`);
              } finally {
                setBusy(false);
                setDeleting(null);
              }
            })
          }
        >
          {deleting.usedBy.length ? (
            <p>
              <strong>Warning:</strong> {names(deleting.usedBy)} {deleting.usedBy.length === 1 ? 'uses' : 'use'} this document. Deleting it
              detaches it from {deleting.usedBy.length === 1 ? 'that character' : 'those characters'}, which will no longer know what it
              says.
            </p>
          ) : (
            <p>No character uses this document.</p>
          )}
        </ConfirmDialog>
      )}
    </>
  );
}
