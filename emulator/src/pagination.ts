import { EmulatorHttpError } from './http';

/**
 * Opaque cursors, built to exercise what Runway allows: any string up to 1000 characters. Each one is
 * `c1.<standard base64 of a marker and the last id>`, so it always carries `.`, `+`, `/` and `=`; every
 * other one also gets a padding segment that brings it to 996 characters, close to the limit. A client
 * that trims, re-encodes or caps cursors breaks on these, as it would against Runway.
 */
const MARKER = Uint8Array.of(0xfb, 0xef, 0xff); // base64 "++//"
const LONG_PADDING_BYTES = 702;

export function encodeCursor(id: string, position: number) {
  const payload = Buffer.concat([MARKER, Buffer.from(`${id}.`)]);
  const head = `c1.${payload.toString('base64')}`;
  return position % 2 === 0 ? head : `${head}.${Buffer.alloc(LONG_PADDING_BYTES, 0xa5).toString('base64')}`;
}

/** The id a cursor names; 400 for anything the emulator did not issue. */
export function decodeCursor(cursor: string) {
  const payload = /^c1\.([A-Za-z0-9+/]+=*)(\.[A-Za-z0-9+/]+=*)?$/.exec(cursor)?.[1];
  const bytes = payload ? Buffer.from(payload, 'base64') : Buffer.alloc(0);
  if (bytes.length < MARKER.length + 2 || !bytes.subarray(0, MARKER.length).equals(MARKER))
    throw new EmulatorHttpError(400, 'Invalid cursor');
  return bytes.subarray(MARKER.length, -1).toString();
}

/** One page of `sorted`, in Runway's list shape `{ data, hasMore, nextCursor }`. */
export function paginate<T extends { id: string }>(sorted: T[], { limit, cursor }: { limit: number; cursor?: string }) {
  const start = cursor ? sorted.findIndex((item) => item.id === decodeCursor(cursor)) + 1 : 0;
  if (cursor && start === 0) throw new EmulatorHttpError(400, 'Invalid cursor');
  const data = sorted.slice(start, start + limit);
  const last = data.at(-1);
  const hasMore = start + limit < sorted.length;
  return { data, hasMore, nextCursor: hasMore && last ? encodeCursor(last.id, Math.floor(start / limit)) : null };
}

/** Newest first, ties broken by id so pages never overlap. */
export const newestFirst = (a: { createdAt: string; id: string }, b: { createdAt: string; id: string }) =>
  b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id);
