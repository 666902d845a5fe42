import { z } from 'zod';
import { PRESET_AVATAR_IDS } from '@/lib/presets';

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
