import { appConfig, type Palette } from '@/lib/app-config';

/**
 * Light and dark, from the typed app config's palettes. With no choice made, the visitor's system decides
 * (prefers-color-scheme); the header's toggle stores a choice in a cookie, so the server renders the page
 * in it (no flash of the other theme); the embed takes `data-theme` from its script tag. Isomorphic.
 */

export const THEMES = ['light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** Not HttpOnly: the toggle writes it in the browser. It holds a preference, nothing else. */
export const THEME_COOKIE = 'theme';

export function parseTheme(value: string | null | undefined): Theme | null {
  return THEMES.find((theme) => theme === value) ?? null;
}

const variables = (palette: Palette) =>
  Object.entries(palette)
    .map(([key, value]) => `--${key.replace(/[A-Z0-9]/g, (letter) => `-${letter.toLowerCase()}`)}:${value}`)
    .join(';');

/**
 * The palettes as CSS variables: the system's preference on :root, and an explicit choice on any element
 * with data-theme (the root for the site, the embed's wrapper). Later rules win, so a choice beats the system.
 */
export function themeCss({ light, dark } = appConfig.palettes) {
  return [
    `:root{color-scheme:light;${variables(light)}}`,
    `@media (prefers-color-scheme:dark){:root{color-scheme:dark;${variables(dark)}}}`,
    `[data-theme=light]{color-scheme:light;${variables(light)}}`,
    `[data-theme=dark]{color-scheme:dark;${variables(dark)}}`,
  ].join('\n');
}
