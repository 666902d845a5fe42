import { z } from 'zod';
import { AppError } from '@/lib/errors';
import { route } from '@/lib/server/http';
import { getEmulatorControls } from '@/lib/server/runway/client';
import { MEDIA_KINDS } from '@/lib/server/runway/emulator/media';

/**
 * Emulator mode only: the media behind the emulator's signed links (call recordings, avatar-video outputs,
 * voice previews).
 * The link's signature and expiry authorise it, as Runway's download URLs are; 403 when either is wrong.
 */
const params = z.object({ kind: z.enum(MEDIA_KINDS), id: z.guid() });
const signedQuery = z.strictObject({
  expires: z.string().regex(/^\d{1,16}$/),
  nonce: z.string().regex(/^[\w-]{1,64}$/),
  signature: z.string().regex(/^[\w-]{1,128}$/),
});

export const GET = route({ params, query: signedQuery }, async ({ request, params }) => {
  const result = getEmulatorControls().media(params.kind, params.id, new URL(request.url).searchParams);
  if (result instanceof Response) return result;
  throw new AppError(result.status === 404 ? 'not_found' : 'forbidden', result.status === 404 ? 'Not found.' : `${result.message}.`);
});
