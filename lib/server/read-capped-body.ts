import 'server-only';

/**
 * Reads a request body of at most `limit` bytes: a declared or streamed body over the cap is refused
 * without buffering the rest of it.
 */
export async function readCappedBody(request: Request, limit: number, tooLarge: () => Error): Promise<Buffer<ArrayBuffer>> {
  if (Number(request.headers.get('content-length') ?? 0) > limit) throw tooLarge();
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
