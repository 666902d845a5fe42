import 'server-only';
import { AppError } from '@/lib/errors';
import { findPreset } from '@/lib/avatars/presets';
import { isAdmin } from '@/lib/server/auth/admin';
import { getEnv } from '@/lib/server/env';
import { clientKey } from '@/lib/server/security/request-guards';

/** Who is starting a call: their client key for limits, and whether they are the signed-in admin. */
export interface Caller {
  client: string;
  admin: boolean;
}

export function callerOf(request: Request): Caller {
  return { client: clientKey(request), admin: isAdmin(request.headers.get('cookie')) };
}

/** Presets are public; a custom avatar is public when PUBLIC_AVATAR_IDS lists it (or is *). The admin may call any. */
export function isPublished(avatarId: string) {
  if (findPreset(avatarId)) return true;
  const published = getEnv().PUBLIC_AVATAR_IDS;
  return published === '*' || published.includes(avatarId);
}

export function assertCallable(avatarId: string, caller: Caller) {
  if (!caller.admin && !isPublished(avatarId)) throw new AppError('not_found', 'Avatar not found.');
}
