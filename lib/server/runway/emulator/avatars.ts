import 'server-only';
import { EmulatorHttpError, notFound, validate } from './http';
import type { EmulatorContext } from './context';
import { listQuery } from './wire-schemas';

/** Opaque cursors, like Runway's: the id of the last item on the previous page. */
const encodeCursor = (id: string) => Buffer.from(id).toString('base64url');
const decodeCursor = (cursor: string) => Buffer.from(cursor, 'base64url').toString();

export function listAvatars(ctx: EmulatorContext, url: URL) {
  const { limit, cursor } = validate(listQuery, Object.fromEntries(url.searchParams), 'query');
  const all = [...ctx.state.avatars.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
  const start = cursor ? all.findIndex((avatar) => avatar.id === decodeCursor(cursor)) + 1 : 0;
  if (cursor && start === 0) throw new EmulatorHttpError(400, 'Invalid cursor');
  const data = all.slice(start, start + limit);
  const last = data.at(-1);
  const hasMore = start + limit < all.length;
  return Response.json({ data, hasMore, nextCursor: hasMore && last ? encodeCursor(last.id) : null });
}

export function retrieveAvatar(ctx: EmulatorContext, id: string) {
  const avatar = ctx.state.avatars.get(id);
  if (!avatar) throw notFound('Avatar');
  return Response.json(avatar);
}
