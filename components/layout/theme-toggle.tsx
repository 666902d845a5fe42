'use client';

import { useState } from 'react';
import { THEME_COOKIE, type Theme } from '@/lib/theme';

const NEXT: Record<Theme | 'system', Theme | 'system'> = { system: 'light', light: 'dark', dark: 'system' };
const LABEL: Record<Theme | 'system', string> = { system: 'System', light: 'Light', dark: 'Dark' };

/**
 * Cycles system → light → dark. A choice goes into a cookie so the server renders the next page in it
 * (app/layout.tsx), and onto <html> at once; "system" clears both and lets prefers-color-scheme decide.
 */
export function ThemeToggle({ initial }: { initial: Theme | null }) {
  const [theme, setTheme] = useState<Theme | 'system'>(initial ?? 'system');
  return (
    <button
      type="button"
      className="button button--small"
      aria-label={`Theme: ${LABEL[theme]}. Switch to ${LABEL[NEXT[theme]]}`}
      onClick={() => {
        const next = NEXT[theme];
        const root = document.documentElement;
        if (next === 'system') {
          delete root.dataset.theme;
          document.cookie = `${THEME_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax`;
        } else {
          root.dataset.theme = next;
          document.cookie = `${THEME_COOKIE}=${next}; Path=/; Max-Age=31536000; SameSite=Lax`;
        }
        setTheme(next);
      }}
    >
      Theme: {LABEL[theme]}
    </button>
  );
}
