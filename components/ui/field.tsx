import { useId } from 'react';

/**
 * A labelled form control with its hint and its error. The error sits next to the control, is tied to it
 * with aria-describedby and aria-invalid, and lives in a polite live region so screen readers announce it.
 */
export function Field({
  label,
  hint,
  error,
  children,
}: {
  label: string;
  hint?: React.ReactNode;
  error?: string;
  children: (props: { id: string; 'aria-describedby': string; 'aria-invalid': boolean }) => React.ReactNode;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      {children({ id, 'aria-describedby': hint ? `${id}-hint ${id}-error` : `${id}-error`, 'aria-invalid': Boolean(error) })}
      {hint && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
      <p id={`${id}-error`} className="field__error" aria-live="polite">
        {error}
      </p>
    </div>
  );
}

/** "1 234 / 10 000", with a warning tone near the limit. */
export function Counter({ value, max, label = 'characters' }: { value: number; max: number; label?: string }) {
  return (
    <span className={value > max ? 'counter counter--over' : 'counter'}>
      {value.toLocaleString('en-US')} / {max.toLocaleString('en-US')} {label}
    </span>
  );
}
