'use client';

import { useState } from 'react';
import { managementApi, uploadFile } from '@/lib/avatars/management-api';
import { formErrors } from '@/lib/form-errors';
import type { CustomVoice, UploadedFile, VoicePreview } from '@/lib/avatars/types';
import { AUDIO_TYPES, formatBytes, VOICE_SAMPLE_LIMITS } from '@/lib/avatars/upload-schema';
import { VOICE_LIMITS, voiceCreateSchema, voicePreviewSchema } from '@/lib/avatars/voice-schema';
import { VOICE_MODELS, type VoiceModel } from '@/lib/avatars/voices';
import { Counter, Field } from '@/components/ui/field';

type Errors = Record<string, string | undefined>;
const MODEL_LABELS: Record<VoiceModel, string> = {
  eleven_ttv_v3: 'Eleven v3 (recommended)',
  eleven_multilingual_ttv_v2: 'Eleven multilingual v2',
};

function issues(result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }): Errors {
  const errors: Errors = {};
  for (const issue of result.error?.issues ?? []) errors[String(issue.path.at(-1) ?? 'form')] ??= issue.message;
  return errors;
}

/** Design a voice from a description (hear a preview first) or clone one from a recording. */
export function VoiceDesigner({ onCreated }: { onCreated: (voice: CustomVoice) => void }) {
  const [source, setSource] = useState<'text' | 'audio'>('text');
  const [name, setName] = useState('');
  const [prompt, setPrompt] = useState('');
  const [model, setModel] = useState<VoiceModel>('eleven_ttv_v3');
  const [preview, setPreview] = useState<VoicePreview | null>(null);
  const [sample, setSample] = useState<UploadedFile | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  async function run(work: () => Promise<void>) {
    setBusy(true);
    try {
      await work();
    } catch (caught) {
      setErrors(formErrors(caught));
    } finally {
      setBusy(false);
    }
  }

  const listen = () => {
    const parsed = voicePreviewSchema.safeParse({ prompt, model });
    if (!parsed.success) return setErrors(issues(parsed));
    setErrors({});
    void run(async () => setPreview(await managementApi.previewVoice({ prompt, model })));
  };

  async function upload(file: File) {
    setSample(null);
    setErrors({});
    if (file.size > VOICE_SAMPLE_LIMITS.maxBytes)
      return setErrors({ file: `The file is too large: the limit is ${formatBytes(VOICE_SAMPLE_LIMITS.maxBytes)}.` });
    setProgress(0);
    try {
      setSample(await uploadFile(file, 'voice-sample', setProgress));
    } catch (caught) {
      setErrors(formErrors(caught));
    } finally {
      setProgress(null);
    }
  }

  function save(event: React.FormEvent) {
    event.preventDefault();
    const body = {
      name,
      from: source === 'text' ? { type: 'text' as const, prompt, model } : { type: 'audio' as const, audio: sample?.uri ?? '' },
    };
    const parsed = voiceCreateSchema.safeParse(body);
    if (!parsed.success)
      return setErrors({ ...issues(parsed), ...(source === 'audio' && !sample ? { file: 'Upload a recording first.' } : {}) });
    setErrors({});
    void run(async () => {
      onCreated(await managementApi.createVoice(body));
      setName('');
      setPrompt('');
      setPreview(null);
      setSample(null);
    });
  }

  return (
    <form className="manage-form panel" method="post" onSubmit={save} noValidate aria-label="New voice">
      <h2>New voice</h2>
      <div className="segmented" role="radiogroup" aria-label="Create the voice from">
        <label>
          <input type="radio" name="voice-source" checked={source === 'text'} onChange={() => setSource('text')} /> Design from a
          description
        </label>
        <label>
          <input type="radio" name="voice-source" checked={source === 'audio'} onChange={() => setSource('audio')} /> Clone a recording
        </label>
      </div>
      <Field label="Voice name" error={errors.name}>
        {(props) => <input {...props} value={name} onChange={(event) => setName(event.target.value)} />}
      </Field>
      {source === 'text' ? (
        <>
          <Field
            label="Describe the voice"
            error={errors.prompt}
            hint={
              <>
                Age, accent, pace, tone. <Counter value={prompt.trim().length} max={VOICE_LIMITS.promptMax} /> (at least{' '}
                {VOICE_LIMITS.promptMin})
              </>
            }
          >
            {(props) => (
              <textarea
                {...props}
                rows={3}
                value={prompt}
                onChange={(event) => {
                  setPrompt(event.target.value);
                  setPreview(null);
                }}
              />
            )}
          </Field>
          <Field label="Model" error={errors.model}>
            {(props) => (
              <select
                {...props}
                value={model}
                onChange={(event) => {
                  setModel(event.target.value as VoiceModel);
                  setPreview(null);
                }}
              >
                {VOICE_MODELS.map((id) => (
                  <option key={id} value={id}>
                    {MODEL_LABELS[id]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="button" className="button" onClick={listen} disabled={busy}>
            Preview
          </button>
          {preview && (
            <div className="voice-preview">
              <audio controls src={preview.url} aria-label="Voice preview" />
              <span className="muted">{preview.durationSeconds.toFixed(1)} s preview</span>
            </div>
          )}
        </>
      ) : (
        <Field
          label="Recording (WAV or MP3)"
          error={errors.file}
          hint={`One speaker, 10 s to 5 min, up to ${formatBytes(VOICE_SAMPLE_LIMITS.maxBytes)}. Checked on the server.`}
        >
          {(props) => (
            <input
              {...props}
              type="file"
              accept={[...AUDIO_TYPES, '.wav', '.mp3'].join(',')}
              onChange={(event) => {
                const file = event.target.files?.[0];
                if (file) void upload(file);
              }}
            />
          )}
        </Field>
      )}
      {progress !== null && <progress max={1} value={progress} aria-label="Upload progress" />}
      {sample?.durationSeconds !== undefined && <p className="muted">Sample uploaded: {sample.durationSeconds.toFixed(1)} s.</p>}
      <p className="field__error" aria-live="polite">
        {errors.form}
      </p>
      <button type="submit" className="button button--primary" disabled={busy || progress !== null}>
        Save voice
      </button>
    </form>
  );
}
