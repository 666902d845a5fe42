import 'server-only';

/**
 * The one reader of request bodies: route() reads JSON and form posts with it, the upload routes their
 * files. It returns at most `limit` bytes. A body declared larger (Content-Length) is refused before a byte
 * is read, and one streamed past the cap (chunked, or longer than declared) as soon as it passes it; either
 * way its stream is cancelled, so the rest is neither read nor buffered.
 */
export async function readCappedBody(request: Request, limit: number, tooLarge: () => Error): Promise<Buffer<ArrayBuffer>> {
  if (Number(request.headers.get('content-length') ?? 0) > limit) {
    await request.body?.cancel();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = request.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
