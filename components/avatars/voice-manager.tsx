'use client';

import { useState } from 'react';
import { AppError } from '@/lib/errors';
import { managementApi } from '@/lib/management-api';
import type { CustomVoice, Page } from '@/lib/management-types';
import { ConfirmDialog } from './confirm-dialog';
import { StatusBadge } from './status-badge';
import { usePolling } from './use-polling';
import { VoiceDesigner } from './voice-designer';

/** Custom voices: create, watch PROCESSING → READY, listen, rename, delete. */
export function VoiceManager({ initial }: { initial: Page<CustomVoice> }) {
  const [voices, setVoices] = useState(initial.items);
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const [deleting, setDeleting] = useState<CustomVoice | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');

  const processing = voices.filter((voice) => voice.status === 'processing');
  usePolling(processing.length > 0, async (signal) => {
    const fresh = await Promise.all(processing.map((voice) => managementApi.voice(voice.id, signal)));
    const done = fresh.filter((voice) => voice.status !== 'processing');
    if (done.length) setAnnouncement(done.map((voice) => `${voice.name} is ${voice.status}.`).join(' '));
    setVoices((list) => list.map((voice) => fresh.find((candidate) => candidate.id === voice.id) ?? voice));
  });

  const guard = async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
    } catch (caught) {
      setError(caught instanceof AppError ? caught.message : 'Something went wrong.');
    }
  };

  return (
    <>
      <p className="notice">
        Tool calling needs a preset voice: characters that speak with a custom voice cannot use client events or backend tools.
      </p>
      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
      {error && (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}
      <VoiceDesigner
        onCreated={(voice) => {
          setVoices((list) => [voice, ...list]);
          setAnnouncement(`${voice.name} is processing.`);
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
                    <input id={`rename-${voice.id}`} value={renaming.name} maxLength={100} onChange={(event) => setRenaming({ id: voice.id, name: event.target.value })} />
                    <button type="submit" className="button button--small">
                      Save name
                    </button>
                  </form>
                ) : (
                  <h3>{voice.name}</h3>
                )}
                <StatusBadge status={voice.status} reason={voice.failureReason} />
                {voice.previewUrl && <audio controls src={voice.previewUrl} aria-label={`Preview of ${voice.name}`} />}
              </div>
              <div className="manage-row__actions">
                <button type="button" className="button" onClick={() => setRenaming({ id: voice.id, name: voice.name })} aria-label={`Rename ${voice.name}`}>
                  Rename
                </button>
                <button type="button" className="button button--danger" onClick={() => setDeleting(voice)} aria-label={`Delete ${voice.name}`}>
                  Delete
                </button>
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
