import { beforeEach, describe, expect, it, vi } from 'vitest';
import { POST } from '@/app/api/uploads/route';
import { mp3Audio, paddedPng, pngImage, wavAudio } from 'runway-emulator/testing/media';
import { useRunwayFake } from '@/tests/msw/runway';
import { routeContext } from '@/tests/unit/request';
import { resetSecurityState, signInWithTestPassword } from '@/tests/unit/security';

/** POST /api/uploads: content sniffing, size and duration limits, and the SDK's two-step upload into the fake. */

let cookie: string;

function upload(file: Buffer | string | null, { purpose = 'avatar-image', name = 'face.png', type = 'image/png' } = {}) {
  const form = new FormData();
  form.append('purpose', purpose);
  if (file !== null) form.append('file', new File([typeof file === 'string' ? file : new Uint8Array(file)], name, { type }));
  return POST(new Request('http://localhost/api/uploads', { method: 'POST', body: form, headers: { cookie } }), routeContext({}));
}

async function error(response: Response) {
  return ((await response.json()) as { error: { code: string; message: string; details?: Array<{ path: string }> } }).error;
}

describe('POST /api/uploads', () => {
  const fake = useRunwayFake();

  beforeEach(async () => {
    resetSecurityState();
    cookie = await signInWithTestPassword();
  });

  it('uploads a PNG through uploads.createEphemeral and returns its runway:// URI', async () => {
    const response = await upload(pngImage());
    expect(response.status).toBe(201);
    const body = (await response.json()) as { uri: string; contentType: string; bytes: number };
    expect(body).toMatchObject({
      uri: expect.stringMatching(/^runway:\/\/ephemeral\/.+\/avatar-image\.png$/),
      contentType: 'image/png',
      bytes: pngImage().length,
    });
    // The SDK's create, then its multipart POST to the presigned uploadUrl (no API key on that one).
    expect(fake.requests).toEqual(['POST /v1/uploads', expect.stringMatching(/^POST \/_emulator\/storage\/[0-9a-f-]{36}$/)]);
  });

  it.each([
    ['JPEG', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(600)]), 'image/jpeg'],
    ['WebP', Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 '), Buffer.alloc(600)]), 'image/webp'],
  ])('accepts a %s by its bytes, whatever its name says', async (_kind, bytes, type) => {
    const response = await upload(bytes, { name: 'photo.txt', type: 'text/plain' });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ contentType: type });
  });

  it('refuses a .png that is really text, by its bytes (415), before anything reaches Runway', async () => {
    const response = await upload('hello, this is not an image '.repeat(40));
    expect(response.status).toBe(415);
    expect(await error(response)).toMatchObject({ code: 'unsupported_media_type', details: [{ path: 'file' }] });
    expect(fake.requests).toEqual([]);
  });

  it('refuses a GIF (Runway does not take them)', async () => {
    const gif = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(600)]);
    expect((await upload(gif, { name: 'a.gif', type: 'image/gif' })).status).toBe(415);
  });

  it('refuses a file under 512 bytes and accepts one of exactly 512', async () => {
    const small = await upload(paddedPng(511));
    expect(small.status).toBe(400);
    expect((await error(small)).message).toMatch(/at least 512 bytes/);
    expect((await upload(paddedPng(512))).status).toBe(201);
  });

  it('refuses an image over UPLOAD_MAX_IMAGE_MB with 413 and names the limit', async () => {
    vi.stubEnv('UPLOAD_MAX_IMAGE_MB', '1');
    const response = await upload(paddedPng(1024 * 1024 + 1));
    expect(response.status).toBe(413);
    expect((await error(response)).message).toContain('1 MB');
    expect((await upload(paddedPng(1024 * 1024))).status).toBe(201);
  });

  it('refuses a declared body far over the cap without reading it', async () => {
    const response = await POST(
      new Request('http://localhost/api/uploads', {
        method: 'POST',
        headers: { cookie, 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(500 * 1024 * 1024) },
        body: '--x--',
      }),
      routeContext({}),
    );
    expect(response.status).toBe(413);
  });

  it('answers 415 to JSON, and 400 to a broken multipart body, a missing file or an unknown purpose', async () => {
    const json = await POST(
      new Request('http://localhost/api/uploads', { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{}' }),
      routeContext({}),
    );
    expect(json.status).toBe(415);
    const broken = await POST(
      new Request('http://localhost/api/uploads', {
        method: 'POST',
        headers: { cookie, 'content-type': 'multipart/form-data; boundary=abc' },
        body: '--abc\r\nContent-Disp',
      }),
      routeContext({}),
    );
    expect(broken.status).toBe(400);
    expect((await upload(null)).status).toBe(400);
    expect((await upload(pngImage(), { purpose: 'avatar-video' })).status).toBe(400);
  });

  describe('voice samples', () => {
    it('accepts a 12 s WAV and reports its duration', async () => {
      const response = await upload(wavAudio(12), { purpose: 'voice-sample', name: 'me.wav', type: 'audio/wav' });
      expect(response.status).toBe(201);
      expect(await response.json()).toMatchObject({
        contentType: 'audio/wav',
        durationSeconds: 12,
        uri: expect.stringMatching(/voice-sample\.wav$/),
      });
    });

    it('accepts a 30 s MP3 (frames counted after an ID3 tag)', async () => {
      const response = await upload(mp3Audio(30), { purpose: 'voice-sample', name: 'me.mp3', type: 'audio/mpeg' });
      expect(response.status).toBe(201);
      const { durationSeconds } = (await response.json()) as { durationSeconds: number };
      expect(durationSeconds).toBeGreaterThanOrEqual(30);
      expect(durationSeconds).toBeLessThan(30.1);
    });

    it.each([
      ['shorter than 10 s', wavAudio(9.5)],
      ['longer than 5 min', wavAudio(301)],
    ])('refuses a sample %s', async (_label, bytes) => {
      const response = await upload(bytes, { purpose: 'voice-sample', name: 'me.wav', type: 'audio/wav' });
      expect(response.status).toBe(400);
      expect((await error(response)).message).toMatch(/10 s to 5 min/);
    });

    it('refuses an image sent as a voice sample, and a sample over 10 MB', async () => {
      expect((await upload(pngImage(), { purpose: 'voice-sample' })).status).toBe(415);
      const huge = await upload(wavAudio(200, 32_000), { purpose: 'voice-sample', name: 'big.wav', type: 'audio/wav' });
      expect(huge.status).toBe(413);
    });
  });
});
