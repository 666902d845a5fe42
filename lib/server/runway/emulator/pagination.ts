import 'server-only';
import { EmulatorHttpError } from './http';

/** Opaque cursors, like Runway's: the id of the last item on the previous page. */
const encodeCursor = (id: string) => Buffer.from(id).toString('base64url');
const decodeCursor = (cursor: string) => Buffer.from(cursor, 'base64url').toString();

/** One page of `sorted`, in Runway's list shape `{ data, hasMore, nextCursor }`. */
export function paginate<T extends { id: string }>(sorted: T[], { limit, cursor }: { limit: number; cursor?: string }) {
  const start = cursor ? sorted.findIndex((item) => item.id === decodeCursor(cursor)) + 1 : 0;
  if (cursor && start === 0) throw new EmulatorHttpError(400, 'Invalid cursor');
  const data = sorted.slice(start, start + limit);
  const last = data.at(-1);
  const hasMore = start + limit < sorted.length;
  return { data, hasMore, nextCursor: hasMore && last ? encodeCursor(last.id) : null };
}

/** Newest first, ties broken by id so pages never overlap. */
export const newestFirst = (a: { createdAt: string; id: string }, b: { createdAt: string; id: string }) =>
  b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id);
