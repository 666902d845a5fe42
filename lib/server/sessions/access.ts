import 'server-only';
import { AppError } from '@/lib/errors';
import { isAdmin } from '@/lib/server/auth/admin';
import { isPublished } from '@/lib/server/avatars/publication';
import { clientKey } from '@/lib/server/security/request-guards';

/** Who is starting a call: their client key for limits, and whether they are the signed-in admin. */
export interface Caller {
  client: string;
  admin: boolean;
}

export async function callerOf(request: Request): Promise<Caller> {
  return { client: clientKey(request), admin: await isAdmin(request) };
}

export function assertCallable(avatarId: string, caller: Caller) {
  if (!caller.admin && !isPublished(avatarId)) throw new AppError('not_found', 'Avatar not found.');
}
