'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { DemoToolArgs, DemoToolEvent } from '@/lib/tools/catalog';

const HIGHLIGHT_MS = 2500;

/**
 * What the demo client tools do on screen, for both call models: `show_card` shows a card, and
 * `highlight_section` highlights a `data-avatar-target` section the way the SDK's page actions do (the
 * `data-avatar-highlighted` attribute its styles.css draws).
 */
export function useToolSurface() {
  const [card, setCard] = useState<DemoToolArgs<'show_card'> | null>(null);
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());

  const handle = useCallback((event: DemoToolEvent) => {
    if (event.tool === 'show_card') return setCard(event.args);
    const element = document.querySelector(`[data-avatar-target="${event.args.section}"]`);
    if (!element) return;
    element.setAttribute('data-avatar-highlighted', 'true');
    element.scrollIntoView({
      block: 'nearest',
      behavior: window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth',
    });
    const timer = setTimeout(() => {
      element.removeAttribute('data-avatar-highlighted');
      timers.current.delete(timer);
    }, HIGHLIGHT_MS);
    timers.current.add(timer);
  }, []);

  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach(clearTimeout);
  }, []);

  return { card, handle, dismissCard: useCallback(() => setCard(null), []) };
}

export type ToolSurface = ReturnType<typeof useToolSurface>;
