'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { AppError } from '@/lib/errors';
import { uploadFile } from '@/lib/avatars/management-api';
import { formatBytes, IMAGE_TYPES, MIN_UPLOAD_BYTES } from '@/lib/avatars/upload-schema';

export interface ImageValue {
  /** What goes to Runway: a runway:// URI from our upload route, or an HTTPS link. */
  reference: string;
  /** What the preview card shows: a local blob: URL or the link. */
  preview: string | null;
}

/**
 * The reference image: drop or pick a file (uploaded at once through /api/uploads, with a progress bar),
 * or paste an HTTPS link. The size and type checks here are a courtesy; the server checks the bytes.
 */
export function ImageInput({
  maxBytes,
  error,
  onChange,
  onError,
}: {
  maxBytes: number;
  error?: string;
  onChange: (value: ImageValue) => void;
  onError: (message: string | undefined) => void;
}) {
  const id = useId();
  const [mode, setMode] = useState<'file' | 'url'>('file');
  const [progress, setProgress] = useState<number | null>(null);
  const [dragging, setDragging] = useState(false);
  const [url, setUrl] = useState('');
  const blobUrl = useRef<string | null>(null);
  const controller = useRef<AbortController | null>(null);

  useEffect(
    () => () => {
      controller.current?.abort();
      if (blobUrl.current) URL.revokeObjectURL(blobUrl.current);
    },
    [],
  );

  async function upload(file: File) {
    onError(undefined);
    if (file.size < MIN_UPLOAD_BYTES) return onError(`The file is too small: at least ${MIN_UPLOAD_BYTES} bytes.`);
    if (file.size > maxBytes) return onError(`The file is too large: the limit is ${formatBytes(maxBytes)}.`);
    if (file.type && !(IMAGE_TYPES as readonly string[]).includes(file.type)) return onError('Choose a PNG, JPEG or WebP image.');
    if (blobUrl.current) URL.revokeObjectURL(blobUrl.current);
    blobUrl.current = URL.createObjectURL(file);
    onChange({ reference: '', preview: blobUrl.current });
    controller.current?.abort();
    controller.current = new AbortController();
    setProgress(0);
    try {
      const uploaded = await uploadFile(file, 'avatar-image', setProgress, controller.current.signal);
      onChange({ reference: uploaded.uri, preview: blobUrl.current });
    } catch (caught) {
      if (caught instanceof DOMException && caught.name === 'AbortError') return;
      onChange({ reference: '', preview: null });
      onError(caught instanceof AppError ? caught.message : 'The upload failed.');
    } finally {
      setProgress(null);
    }
  }

  const describedBy = `${id}-guidance ${id}-error`;
  return (
    <fieldset className="field image-input">
      <legend className="field__label">Reference image</legend>
      <div className="segmented" role="radiogroup" aria-label="Image source">
        <label>
          <input type="radio" name={`${id}-mode`} checked={mode === 'file'} onChange={() => setMode('file')} /> Upload a file
        </label>
        <label>
          <input type="radio" name={`${id}-mode`} checked={mode === 'url'} onChange={() => setMode('url')} /> Link to an image
        </label>
      </div>
      {mode === 'file' ? (
        <div
          className={dragging ? 'dropzone dropzone--active' : 'dropzone'}
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(event) => {
            event.preventDefault();
            setDragging(false);
            const file = event.dataTransfer.files[0];
            if (file) void upload(file);
          }}
        >
          <label htmlFor={`${id}-file`}>Drop an image here, or choose a file</label>
          <input
            id={`${id}-file`}
            type="file"
            accept={IMAGE_TYPES.join(',')}
            aria-describedby={describedBy}
            aria-invalid={Boolean(error)}
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) void upload(file);
            }}
          />
          <p className="muted">
            PNG, JPEG or WebP, {formatBytes(MIN_UPLOAD_BYTES)} to {formatBytes(maxBytes)}.
          </p>
        </div>
      ) : (
        <>
          <label htmlFor={`${id}-url`}>Image link (HTTPS)</label>
          <input
            id={`${id}-url`}
            type="url"
            inputMode="url"
            placeholder="https://example.com/face.jpg"
            value={url}
            aria-describedby={describedBy}
            aria-invalid={Boolean(error)}
            onChange={(event) => {
              setUrl(event.target.value);
              onError(undefined);
              onChange({
                reference: event.target.value.trim(),
                preview: event.target.value.startsWith('https://') ? event.target.value.trim() : null,
              });
            }}
          />
        </>
      )}
      {progress !== null && (
        <div className="upload-progress">
          <progress max={1} value={progress} aria-label="Upload progress" />
          <span>{Math.round(progress * 100)}%</span>
        </div>
      )}
      <p id={`${id}-guidance`} className="field__hint">
        One face, clearly visible and centred; shoulders up, well lit, plain background; landscape, ideally 1088×704. An image without a
        recognisable face fails processing.
      </p>
      <p id={`${id}-error`} className="field__error" aria-live="polite">
        {error}
      </p>
    </fieldset>
  );
}
