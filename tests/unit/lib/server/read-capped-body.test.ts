import { describe, expect, it } from 'vitest';
import { readCappedBody } from '@/lib/server/read-capped-body';

/**
 * The one reader of request bodies (route() and the upload routes): at most `limit` bytes, and a body over
 * it refused without reading, or buffering, the rest. The end-to-end check against `next start` (ten
 * concurrent 200 MB bodies per public route) is tests/e2e/oversized-bodies.spec.ts.
 */

const MB = 1024 * 1024;

/** A body streamed in 64 KB chunks (as a chunked upload arrives), which records how much was pulled from it. */
function streamed(totalBytes: number, headers: Record<string, string> = {}) {
  const chunk = 64 * 1024;
  const source = { pulledBytes: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (source.pulledBytes >= totalBytes) return controller.close();
        const size = Math.min(chunk, totalBytes - source.pulledBytes);
        source.pulledBytes += size;
        controller.enqueue(new Uint8Array(size).fill(120));
      },
      cancel() {
        source.cancelled = true;
      },
    },
    // Nothing is pulled ahead of a read: what was pulled is what the reader asked for.
    { highWaterMark: 0 },
  );
  const request = new Request('http://localhost/api/sessions', { method: 'POST', body, duplex: 'half', headers } as RequestInit);
  return { request, source };
}

const tooLarge = () => new Error('too large');

describe('readCappedBody', () => {
  it('refuses a body whose Content-Length is over the cap before reading any of it', async () => {
    const { request, source } = streamed(200 * MB, { 'content-length': String(200 * MB) });
    await expect(readCappedBody(request, 16 * 1024, tooLarge)).rejects.toThrow('too large');
    expect(source.pulledBytes).toBe(0);
  });

  it('refuses a chunked body once it passes the cap, cancelling the stream rather than draining it', async () => {
    const { request, source } = streamed(200 * MB);
    await expect(readCappedBody(request, 16 * 1024, tooLarge)).rejects.toThrow('too large');
    // One 64 KB chunk was enough to pass a 16 KB cap; the other 199.9 MB were never pulled.
    expect(source.pulledBytes).toBe(64 * 1024);
    expect(source.cancelled).toBe(true);
  });

  it('refuses a body longer than its (small) declared length once it passes the cap', async () => {
    const { request, source } = streamed(2 * MB, { 'content-length': '10' });
    await expect(readCappedBody(request, MB, tooLarge)).rejects.toThrow('too large');
    expect(source.pulledBytes).toBeLessThanOrEqual(MB + 64 * 1024);
    expect(source.cancelled).toBe(true);
  });

  it('returns a body of exactly the cap, whole, and one of a byte more is refused', async () => {
    const exactly = streamed(MB);
    const bytes = await readCappedBody(exactly.request, MB, tooLarge);
    expect(bytes.byteLength).toBe(MB);
    expect(exactly.source.cancelled).toBe(false);
    await expect(readCappedBody(streamed(MB + 1).request, MB, tooLarge)).rejects.toThrow('too large');
    await expect(readCappedBody(new Request('http://localhost/', { method: 'POST', body: 'x'.repeat(17) }), 16, tooLarge)).rejects.toThrow(
      'too large',
    );
  });

  it('returns an empty buffer for a request without a body', async () => {
    expect((await readCappedBody(new Request('http://localhost/', { method: 'POST' }), 0, tooLarge)).byteLength).toBe(0);
  });
});
