'use client';

import { useState } from 'react';
import { managementApi } from '@/lib/avatars/management-api';
import { formErrors } from '@/lib/form-errors';
import type { KnowledgeDocument } from '@/lib/avatars/types';
import {
  DOCUMENT_LIMITS,
  documentCreateSchema,
  documentUpdateSchema,
  estimateTokens,
  KNOWLEDGE_TOKEN_BUDGET,
} from '@/lib/avatars/document-schema';
import { Counter, Field } from '@/components/ui/field';

/** Write or load (.md, .txt) a knowledge document; on edit, only the changed fields are sent. */
export function DocumentEditor({
  document,
  onSaved,
  onCancel,
}: {
  document?: KnowledgeDocument;
  onSaved: (document: KnowledgeDocument) => void;
  onCancel?: () => void;
}) {
  const [name, setName] = useState(document?.name ?? '');
  const [content, setContent] = useState(document?.content ?? '');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [saving, setSaving] = useState(false);
  const tokens = estimateTokens(content);

  async function load(file: File) {
    if (!/\.(md|markdown|txt)$/i.test(file.name)) return setErrors({ content: 'Choose a .md or .txt file.' });
    const text = await file.text();
    if (text.length > DOCUMENT_LIMITS.content)
      return setErrors({ content: `That file has ${text.length.toLocaleString('en-US')} characters; the limit is 200,000.` });
    setContent(text);
    if (!name) setName(file.name.replace(/\.[^.]+$/, '').slice(0, DOCUMENT_LIMITS.name));
    setErrors({});
  }

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const body = document
      ? { ...(name !== document.name ? { name } : {}), ...(content !== document.content ? { content } : {}) }
      : { name, content };
    const parsed = (document ? documentUpdateSchema : documentCreateSchema).safeParse(body);
    if (!parsed.success) {
      const next: Record<string, string> = {};
      for (const issue of parsed.error.issues) next[String(issue.path[0] ?? 'form')] ??= issue.message;
      return setErrors(next);
    }
    setSaving(true);
    try {
      onSaved(document ? await managementApi.updateDocument(document.id, body) : await managementApi.createDocument({ name, content }));
      if (!document) {
        setName('');
        setContent('');
      }
      setErrors({});
    } catch (caught) {
      setErrors(formErrors(caught));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form
      className="manage-form"
      method="post"
      onSubmit={submit}
      noValidate
      aria-label={document ? `Edit ${document.name}` : 'New document'}
    >
      <Field label="Document name" error={errors.name}>
        {(props) => <input {...props} value={name} onChange={(event) => setName(event.target.value)} />}
      </Field>
      <Field
        label="Content (Markdown or plain text)"
        error={errors.content}
        hint={
          <>
            <Counter value={content.length} max={DOCUMENT_LIMITS.content} /> · about {tokens.toLocaleString('en-US')} tokens of the ~
            {KNOWLEDGE_TOKEN_BUDGET.toLocaleString('en-US')}-token budget per avatar
            {tokens > KNOWLEDGE_TOKEN_BUDGET && <strong> (over budget on its own)</strong>}
          </>
        }
      >
        {(props) => <textarea {...props} rows={12} value={content} onChange={(event) => setContent(event.target.value)} />}
      </Field>
      <label className="file-load">
        Or load a .md or .txt file{' '}
        <input
          type="file"
          accept=".md,.markdown,.txt,text/markdown,text/plain"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void load(file);
          }}
        />
      </label>
      <p className="field__error" aria-live="polite">
        {errors.form}
      </p>
      <div className="manage-form__actions">
        <button type="submit" className="button button--primary" disabled={saving}>
          {saving ? 'Saving…' : document ? 'Save document' : 'Create document'}
        </button>
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            Close
          </button>
        )}
      </div>
    </form>
  );
}
