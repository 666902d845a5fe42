import { z } from 'zod';
import { PRESET_AVATAR_IDS } from '@/lib/avatars/presets';

/** Runway ids are UUID-shaped; `guid` accepts any version, as the API does. */
export const runwayIdSchema = z.guid({ error: 'Must be a UUID' });

export const presetAvatarIdSchema = z.enum(PRESET_AVATAR_IDS);

/** A preset id such as `cat-character`, or a custom avatar's UUID. */
export const avatarIdSchema = z
  .string()
  .refine(
    (id) => presetAvatarIdSchema.safeParse(id).success || runwayIdSchema.safeParse(id).success,
    'Must be a preset avatar id (such as cat-character) or a custom avatar UUID',
  );

/**
 * Runway's list cursors are opaque: any string of 1–1000 characters (base64 with `+`, `/`, `=` and `.`
 * included). Pass them through untouched and URL-encoded; never narrow the alphabet.
 */
export const CURSOR_MAX = 1000;
export const cursorSchema = z.string().min(1).max(CURSOR_MAX, `A cursor has at most ${CURSOR_MAX} characters`);
