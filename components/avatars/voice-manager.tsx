'use client';

import { useState } from 'react';
import { managementApi } from '@/lib/avatars/management-api';
import type { CustomVoice, Page } from '@/lib/avatars/types';
import { ActionFeedback } from '@/components/ui/action-feedback';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ProcessingStatusBadge } from './processing-status-badge';
import { useActionFeedback } from '@/components/ui/use-action-feedback';
import { useProcessingRefresh } from './use-polling';
import { VoiceDesigner } from './voice-designer';
import { DeleteButton } from '@/components/ui/buttons';

/** Custom voices: create, watch PROCESSING → READY, listen, rename, delete. */
export function VoiceManager({ initial }: { initial: Page<CustomVoice> }) {
  const [voices, setVoices] = useState(initial.items);
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const [deleting, setDeleting] = useState<CustomVoice | null>(null);
  const { error, announcement, announce, guard } = useActionFeedback();

  useProcessingRefresh(voices, setVoices, managementApi.voice, announce);

  return (
    <>
      <p className="notice">
        Tool calling needs a preset voice: characters that speak with a custom voice cannot use client events or backend tools.
      </p>
      <ActionFeedback announcement={announcement} error={error} />
      <VoiceDesigner
        onCreated={(voice) => {
          setVoices((list) => [voice, ...list]);
          announce(`${voice.name} is processing.`);
        }}
      />
      <h2>Your voices</h2>
      {voices.length === 0 ? (
        <p className="muted">No custom voices yet. Characters can use any of Runway’s 30 preset voices meanwhile.</p>
      ) : (
        <ul className="manage-list" aria-label="Voices">
          {voices.map((voice) => (
            <li key={voice.id} className="manage-row" aria-label={voice.name}>
              <div className="manage-row__main">
                {renaming?.id === voice.id ? (
                  <form
                    className="inline-form"
                    method="post"
                    onSubmit={(event) => {
                      event.preventDefault();
                      void guard(async () => {
                        const renamed = await managementApi.renameVoice(voice.id, renaming.name);
                        setVoices((list) => list.map((item) => (item.id === voice.id ? renamed : item)));
                        setRenaming(null);
                      });
                    }}
                  >
                    <label htmlFor={`rename-${voice.id}`} className="sr-only">
                      New name for {voice.name}
                    </label>
                    <input
                      id={`rename-${voice.id}`}
                      value={renaming.name}
                      maxLength={100}
                      onChange={(event) => setRenaming({ id: voice.id, name: event.target.value })}
                    />
                    <button type="submit" className="button button--small">
                      Save name
                    </button>
                  </form>
                ) : (
                  <h3>{voice.name}</h3>
                )}
                <ProcessingStatusBadge status={voice.status} reason={voice.failureReason} />
                {voice.previewUrl && <audio controls src={voice.previewUrl} aria-label={`Preview of ${voice.name}`} />}
              </div>
              <div className="manage-row__actions">
                <button
                  type="button"
                  className="button"
                  onClick={() => setRenaming({ id: voice.id, name: voice.name })}
                  aria-label={`Rename ${voice.name}`}
                >
                  Rename
                </button>
                <DeleteButton name={voice.name} onClick={() => setDeleting(voice)} />
              </div>
            </li>
          ))}
        </ul>
      )}
      {deleting && (
        <ConfirmDialog
          title={`Delete ${deleting.name}?`}
          confirmLabel={`Delete ${deleting.name}`}
          onCancel={() => setDeleting(null)}
          onConfirm={() =>
            guard(async () => {
              await managementApi.deleteVoice(deleting.id);
              setVoices((list) => list.filter((voice) => voice.id !== deleting.id));
              setDeleting(null);
            })
          }
        >
          <p>Characters that use this voice keep it, shown as a deleted voice. Choose a new voice for them when you can.</p>
        </ConfirmDialog>
      )}
    </>
  );
}
