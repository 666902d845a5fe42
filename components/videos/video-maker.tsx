'use client';

import { useState } from 'react';
import { sniffAudio } from '@/lib/file-types';
import { videoApi } from '@/lib/videos/video-api';
import {
  AUDIO_ACCEPT,
  AVATAR_VIDEO_VOICE_IDS,
  MAX_AUDIO_BYTES,
  MAX_VIDEO_TEXT,
  textVideoBodySchema,
  type TextVideoBody,
} from '@/lib/videos/video-schema';
import { VideoResult } from './video-result';

type Source = 'text' | 'audio';
const capitalise = (id: string) => id.charAt(0).toUpperCase() + id.slice(1);

/** "Make a video": text (with an optional voice) or an audio file, then the rendered video. */
export function VideoMaker({ avatarId, avatarName }: { avatarId: string; avatarName: string }) {
  const [source, setSource] = useState<Source>('text');
  const [text, setText] = useState('');
  const [voice, setVoice] = useState('');
  const [customVoice, setCustomVoice] = useState('');
  const [file, setFile] = useState<{ blob: File; mime: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [taskId, setTaskId] = useState<string | null>(null);

  async function pickFile(picked: File | undefined) {
    setFile(null);
    setError(null);
    if (!picked) return;
    if (picked.size > MAX_AUDIO_BYTES) return setError(`The audio file must be at most ${MAX_AUDIO_BYTES / 1024 / 1024} MB.`);
    const format = sniffAudio(new Uint8Array(await picked.slice(0, 16).arrayBuffer()));
    if (!format) return setError('That file is not audio we can use: pick WAV, MP3, Ogg, FLAC, M4A or WebM.');
    setFile({ blob: picked, mime: format.mime });
  }

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setError(null);
    let start: () => Promise<{ taskId: string }>;
    if (source === 'text') {
      const chosen: TextVideoBody['voice'] =
        voice === 'custom'
          ? { kind: 'custom', id: customVoice.trim() }
          : voice
            ? { kind: 'preset', id: voice as (typeof AVATAR_VIDEO_VOICE_IDS)[number] }
            : undefined;
      const parsed = textVideoBodySchema.safeParse({ avatarId, text, voice: chosen });
      if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? 'Check the form.');
      start = () => videoApi.renderText(parsed.data);
    } else {
      if (!file) return setError('Pick an audio file.');
      start = () => videoApi.renderAudio(avatarId, file.blob, file.mime);
    }
    setBusy(true);
    try {
      setTaskId((await start()).taskId);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : 'Could not start the video.');
    } finally {
      setBusy(false);
    }
  }

  if (taskId) return <VideoResult taskId={taskId} avatarName={avatarName} onReset={() => setTaskId(null)} />;

  return (
    <form className="video-form panel" method="post" onSubmit={submit} noValidate>
      <fieldset>
        <legend className="sr-only">What {avatarName} says</legend>
        <label>
          <input type="radio" name="source" checked={source === 'text'} onChange={() => setSource('text')} /> Type a script
        </label>
        <label>
          <input type="radio" name="source" checked={source === 'audio'} onChange={() => setSource('audio')} /> Upload audio
        </label>
      </fieldset>
      {source === 'text' ? (
        <>
          <label className="field">
            Script
            <textarea
              value={text}
              onChange={(event) => setText(event.target.value)}
              maxLength={MAX_VIDEO_TEXT}
              aria-describedby="script-count"
              required
            />
          </label>
          <p id="script-count" className="muted">
            {text.length} / {MAX_VIDEO_TEXT} characters
          </p>
          <label className="field">
            Voice
            <select value={voice} onChange={(event) => setVoice(event.target.value)}>
              <option value="">{avatarName}’s own voice</option>
              <optgroup label="Runway voices">
                {AVATAR_VIDEO_VOICE_IDS.map((id) => (
                  <option key={id} value={id}>
                    {capitalise(id)}
                  </option>
                ))}
              </optgroup>
              <option value="custom">A custom voice (by id)</option>
            </select>
          </label>
          {voice === 'custom' && (
            <label className="field">
              Custom voice ID
              <input value={customVoice} onChange={(event) => setCustomVoice(event.target.value)} placeholder="UUID from the Voices API" />
            </label>
          )}
        </>
      ) : (
        <label className="field">
          Audio file (WAV, MP3, Ogg, FLAC, M4A or WebM; at most {MAX_AUDIO_BYTES / 1024 / 1024} MB)
          <input type="file" accept={AUDIO_ACCEPT} onChange={(event) => pickFile(event.target.files?.[0])} />
        </label>
      )}
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
      <div>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Starting…' : 'Render video'}
        </button>
      </div>
    </form>
  );
}
