import { describe, expect, it } from 'vitest';
import { appConfig } from '@/lib/app-config';
import { parseTheme, themeCss } from '@/lib/theme';
import { failureMessage } from '@/components/call/failure-copy';

describe('themes', () => {
  it('reads only light or dark from the cookie or data-theme; anything else means the system decides', () => {
    expect(parseTheme('light')).toBe('light');
    expect(parseTheme('dark')).toBe('dark');
    for (const value of ['', 'Dark', 'system', 'dark;x', undefined, null]) expect(parseTheme(value)).toBeNull();
  });

  it('renders both palettes from the app config: the system’s preference first, an explicit choice after it', () => {
    const css = themeCss();
    const { light, dark } = appConfig.palettes;
    expect(css).toContain(`:root{color-scheme:light;--bg:${light.bg}`);
    expect(css).toMatch(new RegExp(`@media \\(prefers-color-scheme:dark\\)\\{:root\\{color-scheme:dark;--bg:${dark.bg}`));
    expect(css.indexOf('[data-theme=light]')).toBeGreaterThan(css.indexOf('@media'));
    expect(css).toContain(`--surface-2:${dark.surface2}`);
    expect(css).toContain(`--accent-text:${light.accentText}`);
  });

  it('follows a rebrand made in the config alone', () => {
    const css = themeCss({ light: { ...appConfig.palettes.light, accent: '#123456' }, dark: appConfig.palettes.dark });
    expect(css).toContain('--accent:#123456');
  });
});

describe('failure copy', () => {
  const upstream = { code: 'upstream_unauthorized' as const, message: 'The server’s Runway account may not do this.' };
  const busy = { code: 'rate_limited' as const, message: 'All avatars are busy. Try again in 30 s.' };

  it('gives a visitor plain copy instead of the server’s detail', () => {
    expect(failureMessage(upstream, false)).toBe('Please try again in a moment.');
    expect(failureMessage({ code: 'session_failed', message: 'Avatar worker crashed: OOM' }, false)).toBe('Please try again in a moment.');
  });

  it('keeps messages that are already plain (when to try again), and the whole detail for the admin', () => {
    expect(failureMessage(busy, false)).toBe(busy.message);
    // The ElevenLabs failure's own message is already the visitor's ("This character can't talk right now").
    const unavailable = { code: 'character_unavailable' as const, message: 'This character can’t talk right now.' };
    expect(failureMessage(unavailable, false)).toBe(unavailable.message);
    expect(failureMessage(upstream, true)).toBe(upstream.message);
  });
});
