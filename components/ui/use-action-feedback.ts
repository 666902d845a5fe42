'use client';

import { useState } from 'react';
import { errorMessage } from '@/lib/form-errors';

/** What a management list tells the admin: a polite announcement for screen readers, and the last error. */
export function useActionFeedback() {
  const [error, setError] = useState<string | null>(null);
  const [announcement, announce] = useState('');

  /** Runs one action: clears the last error first, and shows this one's if it fails. */
  const guard = async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };

  return { error, setError, announcement, announce, guard };
}
