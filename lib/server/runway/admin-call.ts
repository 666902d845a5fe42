import 'server-only';
import { verifyAdmin } from '@/lib/server/auth/admin';
import { toAppError } from './errors';

/**
 * How every function that reads or changes admin data calls Runway: the admin is verified here, where the
 * data is read, whoever the caller is (a route, a page, a page that forgot its own check), then Runway's
 * errors become AppErrors named after `what`.
 */
export async function adminCall<T>(what: string, work: () => Promise<T>): Promise<T> {
  await verifyAdmin();
  try {
    return await work();
  } catch (error) {
    throw toAppError(error, what);
  }
}
