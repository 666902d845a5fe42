import type { ReactNode } from 'react';

/** A small pill of text: a status, a count, a flag. `tone` picks its colour (a `badge--<tone>` class). */
export function Badge({ tone, children, ...rest }: { tone?: string; children: ReactNode; 'data-testid'?: string }) {
  return (
    <span className={tone ? `badge badge--${tone}` : 'badge'} {...rest}>
      {children}
    </span>
  );
}
