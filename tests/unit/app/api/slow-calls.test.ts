import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { POST as uploadRoute } from '@/app/api/uploads/route';
import { POST as previewRoute } from '@/app/api/voices/preview/route';
import { CALL_OPTIONS } from '@/lib/server/runway/call-options';
import { pngImage } from 'runway-emulator/testing/media';
import { useRunwayFake } from '@/tests/msw/runway';
import { jsonRequest, routeContext } from '@/tests/unit/request';
import { resetSecurityState, signInWithTestPassword } from '@/tests/unit/security';

/**
 * A slow voice preview or upload (EMULATOR_LATENCY_MS) fails once, with a timeout that says so: the preview
 * may be billed and the upload's form is single use, so neither is repeated. The clock is faked so the
 * 30 s and 120 s budgets pass in no time.
 */

let cookie = '';
const slow = (ms: number) => ({ min: ms, max: ms });

describe('slow calls to Runway', () => {
  const fake = useRunwayFake({
    latency: { preview: slow(CALL_OPTIONS.voicePreview.timeout + 5000), upload: slow(CALL_OPTIONS.upload.timeout + 5000) },
  });
  beforeEach(async () => {
    resetSecurityState();
    cookie = await signInWithTestPassword();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Once the slow request has reached Runway (the admin check before it is real async work), its budget passes. */
  async function settle(response: Promise<Response>, ms: number, requests: number) {
    await vi.waitFor(() => expect(fake.requests.length).toBe(requests));
    await vi.advanceTimersByTimeAsync(ms);
    const settled = await response;
    return { status: settled.status, body: (await settled.json()) as { error: { code: string; message: string } } };
  }

  it('a voice preview slower than its 30 s timeout is one request and a 504 upstream_timeout', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const response = previewRoute(
      jsonRequest('/api/voices/preview', { body: { prompt: 'A warm, calm narrator voice.', model: 'eleven_ttv_v3' }, headers: { cookie } }),
      routeContext({}),
    );
    const { status, body } = await settle(response, CALL_OPTIONS.voicePreview.timeout, 1);
    expect(status).toBe(504);
    expect(body.error).toEqual({
      code: 'upstream_timeout',
      message: 'Runway did not answer in time. Nothing was repeated; try again in a moment.',
    });
    expect(fake.requests).toEqual(['POST /v1/voices/preview']);
  });

  it('an upload whose storage POST outlasts its 120 s timeout is one attempt and a 504 upstream_timeout', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const form = new FormData();
    form.append('purpose', 'avatar-image');
    form.append('file', new File([new Uint8Array(pngImage())], 'face.png', { type: 'image/png' }));
    const response = uploadRoute(
      new Request('http://localhost/api/uploads', { method: 'POST', body: form, headers: { cookie } }),
      routeContext({}),
    );
    const { status, body } = await settle(response, CALL_OPTIONS.upload.timeout, 2);
    expect(status).toBe(504);
    expect(body.error).toEqual({
      code: 'upstream_timeout',
      message: 'Runway did not answer in time. Nothing was repeated; try again in a moment.',
    });
    expect(fake.requests).toEqual(['POST /v1/uploads', expect.stringMatching(/^POST \/_emulator\/storage\//)]);
  });
});
