'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { AppError } from '@/lib/errors';
import { managementApi } from '@/lib/avatars/management-api';
import { errorMessage, formErrors } from '@/lib/form-errors';
import type { CustomVoice, KnowledgeDocument, ManagedAvatar } from '@/lib/avatars/types';
import { AVATAR_LIMITS, avatarCreateSchema, avatarUpdateSchema } from '@/lib/avatars/avatar-schema';
import { voicePresetName } from '@/lib/avatars/voices';
import { createBody, draftOf, updateBody, type AvatarDraft } from './avatar-diff';
import { Counter, Field } from '@/components/ui/field';
import { ImageInput } from './image-input';
import { usePolling } from './use-polling';
import { VoicePicker } from './voice-picker';

const EMPTY: AvatarDraft = {
  name: '',
  referenceImage: '',
  personality: '',
  startScript: '',
  voice: { type: 'preset', presetId: 'clara' },
  documentIds: [],
  imageProcessing: 'optimize',
};

function issuesToErrors(issues: Array<{ path: PropertyKey[]; message: string }>) {
  const errors: Record<string, string> = {};
  for (const issue of issues) errors[String(issue.path[0] ?? 'form')] ??= issue.message;
  return errors;
}

/** Create or edit a character, with a live preview card. The same zod schema as the server route checks it first. */
export function AvatarForm({
  avatar,
  documents,
  voices,
  maxImageBytes,
}: {
  avatar?: ManagedAvatar;
  documents: KnowledgeDocument[];
  voices: CustomVoice[];
  maxImageBytes: number;
}) {
  const router = useRouter();
  const [initial, setInitial] = useState(avatar ? draftOf(avatar) : EMPTY);
  const [draft, setDraft] = useState(initial);
  const [saved, setSaved] = useState<ManagedAvatar | undefined>(avatar);
  const [preview, setPreview] = useState<string | null>(avatar?.imageUrl ?? null);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [status, setStatus] = useState('');
  const [submitting, setSubmitting] = useState(false);
  // Runway refuses a new image while the current one is processing (409): say so, and offer to save later.
  const [imageConflict, setImageConflict] = useState<string | null>(null);
  const [waiting, setWaiting] = useState(false);
  const set = <K extends keyof AvatarDraft>(key: K, value: AvatarDraft[K]) => {
    setDraft((current) => ({ ...current, [key]: value }));
    setErrors((current) => ({ ...current, [key]: undefined, form: undefined }));
  };

  const voiceName =
    draft.voice.type === 'preset'
      ? voicePresetName(draft.voice.presetId)
      : (voices.find((voice) => draft.voice.type === 'custom' && voice.id === draft.voice.id)?.name ?? saved?.voice.name ?? 'Custom voice');

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setWaiting(false);
    await save();
  }

  async function save() {
    setStatus('');
    setImageConflict(null);
    const body = avatar ? updateBody(initial, draft) : createBody(draft);
    const parsed = (avatar ? avatarUpdateSchema : avatarCreateSchema).safeParse(body);
    if (!parsed.success) {
      setErrors(issuesToErrors(parsed.error.issues));
      return;
    }
    setSubmitting(true);
    try {
      if (!avatar) {
        await managementApi.createAvatar(createBody(draft));
        router.push('/avatars');
        router.refresh();
        return;
      }
      const updated = await managementApi.updateAvatar(avatar.id, updateBody(initial, draft));
      const next = { ...draftOf(updated), imageProcessing: draft.imageProcessing };
      setSaved(updated);
      setInitial(next);
      setDraft(next);
      setStatus(
        `Saved. ${updated.name} now speaks with ${updated.voice.name}${updated.status === 'processing' ? ' and is processing its new image' : ''}.`,
      );
    } catch (caught) {
      if (caught instanceof AppError && caught.code === 'conflict' && draft.referenceImage) setImageConflict(errorMessage(caught));
      else setErrors(formErrors(caught));
    } finally {
      setSubmitting(false);
    }
  }

  usePolling(waiting && Boolean(avatar), async (signal) => {
    const fresh = await managementApi.avatar(avatar!.id, signal);
    if (fresh.status === 'processing') return;
    setWaiting(false);
    await save();
  });

  return (
    <div className="avatar-editor">
      <form
        className="manage-form"
        method="post"
        onSubmit={submit}
        noValidate
        aria-label={avatar ? `Edit ${avatar.name}` : 'New character'}
      >
        <Field label="Name" error={errors.name} hint={<Counter value={draft.name.length} max={AVATAR_LIMITS.name} />}>
          {(props) => (
            <input
              {...props}
              value={draft.name}
              maxLength={AVATAR_LIMITS.name + 20}
              onChange={(event) => set('name', event.target.value)}
            />
          )}
        </Field>

        <ImageInput
          maxBytes={maxImageBytes}
          error={errors.referenceImage}
          onError={(message) => setErrors((current) => ({ ...current, referenceImage: message }))}
          onChange={({ reference, preview: next }) => {
            set('referenceImage', reference);
            setPreview(next ?? avatar?.imageUrl ?? null);
          }}
        />
        {avatar && <p className="field__hint">Leave the image alone to keep the current one. A new image is processed again.</p>}

        <Field
          label="Image processing"
          hint="Optimize improves the picture for a better avatar; None uses it as-is (quality not guaranteed)."
        >
          {(props) => (
            <select
              {...props}
              value={draft.imageProcessing}
              onChange={(event) => set('imageProcessing', event.target.value as AvatarDraft['imageProcessing'])}
            >
              <option value="optimize">Optimize (recommended)</option>
              <option value="none">None</option>
            </select>
          )}
        </Field>

        <VoicePicker value={draft.voice} customVoices={voices} error={errors.voice} onChange={(voice) => set('voice', voice)} />

        <Field
          label="Personality"
          error={errors.personality}
          hint={
            <>
              The system prompt: who the character is and how it talks.{' '}
              <Counter value={draft.personality.length} max={AVATAR_LIMITS.personality} />
            </>
          }
        >
          {(props) => (
            <textarea {...props} rows={6} value={draft.personality} onChange={(event) => set('personality', event.target.value)} />
          )}
        </Field>

        <Field
          label="Start script (optional)"
          error={errors.startScript}
          hint={
            <>
              ⚠ Spoken word for word when a call starts: stage directions such as “(smiles)” are read aloud.{' '}
              <Counter value={draft.startScript.length} max={AVATAR_LIMITS.startScript} />
            </>
          }
        >
          {(props) => (
            <textarea {...props} rows={2} value={draft.startScript} onChange={(event) => set('startScript', event.target.value)} />
          )}
        </Field>

        <fieldset className="field">
          <legend className="field__label">Knowledge documents</legend>
          {documents.length === 0 ? (
            <p className="muted">
              No documents yet. <Link href="/avatars/documents">Add one</Link> to give the character facts to draw on.
            </p>
          ) : (
            <ul className="checklist">
              {documents.map((document) => (
                <li key={document.id}>
                  <label>
                    <input
                      type="checkbox"
                      checked={draft.documentIds.includes(document.id)}
                      onChange={(event) =>
                        set(
                          'documentIds',
                          event.target.checked ? [...draft.documentIds, document.id] : draft.documentIds.filter((id) => id !== document.id),
                        )
                      }
                    />{' '}
                    {document.name}
                  </label>
                </li>
              ))}
            </ul>
          )}
          <p className="field__hint">
            Saving replaces the whole list of attached documents with the ones ticked here. Keep the total under about 50 000 tokens.
          </p>
          <p className="field__error" aria-live="polite">
            {errors.documentIds}
          </p>
        </fieldset>

        <p className="field__error" aria-live="polite">
          {errors.form}
        </p>
        <div aria-live="polite">
          {waiting ? (
            <p className="notice">
              Waiting for the current image to finish processing; your changes will be saved then.{' '}
              <button type="button" className="button button--small" onClick={() => setWaiting(false)}>
                Stop waiting
              </button>
            </p>
          ) : (
            imageConflict && (
              <p className="field__error">
                {imageConflict} Your changes are kept.{' '}
                <button type="button" className="button button--small" onClick={() => setWaiting(true)}>
                  Save when processing finishes
                </button>
              </p>
            )
          )}
        </div>
        <p className="notice" aria-live="polite">
          {status}
        </p>
        <button type="submit" className="button button--primary" disabled={submitting}>
          {submitting ? 'Saving…' : avatar ? 'Save changes' : 'Create character'}
        </button>
      </form>

      <aside className="preview-card" aria-label="Preview">
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img src={preview ?? '/avatars/placeholder.svg'} alt={preview ? 'Reference image preview' : ''} width={352} height={228} />
        <h2>{draft.name.trim() || 'Your character'}</h2>
        <p>
          Voice: <strong data-testid="preview-voice">{voiceName}</strong>
        </p>
        {draft.startScript.trim() && <blockquote>“{draft.startScript.trim()}”</blockquote>}
        <p className="muted">
          {draft.documentIds.length} knowledge {draft.documentIds.length === 1 ? 'document' : 'documents'}
          {saved ? ` · ${saved.status}` : ' · processing starts when you create it'}
        </p>
      </aside>
    </div>
  );
}
