import 'server-only';
import { toFile } from '@runwayml/sdk';
import { verifyAdmin } from '@/lib/server/auth/admin';
import { CALL_OPTIONS } from './call-options';
import { getRunway } from './client';
import { toAppError } from './errors';

/**
 * Runway's ephemeral uploads. SDK 4.20.1's `createEphemeral` returns `{ uri }`
 * (not `runwayUri`), and needs a named file. It POSTs the file to the presigned `uploadUrl` with the client's
 * own fetch, so in emulator mode that POST reaches the emulator too.
 */
export async function uploadEphemeral(bytes: Uint8Array, filename: string, contentType: string): Promise<string> {
  await verifyAdmin();
  try {
    const file = await toFile(bytes, filename, { type: contentType });
    return (await getRunway().uploads.createEphemeral({ file }, CALL_OPTIONS.upload)).uri;
  } catch (error) {
    throw toAppError(error, 'Upload');
  }
}
