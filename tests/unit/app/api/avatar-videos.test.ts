import { beforeEach, describe, expect, it } from 'vitest';
import { POST as audioRoute } from '@/app/api/avatar-videos/audio/route';
import { POST as textRoute } from '@/app/api/avatar-videos/route';
import { GET as downloadRoute } from '@/app/api/tasks/[id]/download/route';
import { GET as taskRoute } from '@/app/api/tasks/[id]/route';
import { MAX_AUDIO_BYTES } from '@/lib/videos/video-schema';
import type { VideoTask } from '@/lib/videos/types';
import { DEMO_AVATAR_ID } from 'runway-emulator';
import { wavAudio } from 'runway-emulator/testing/media';
import { useRunwayFake } from '@/tests/msw/runway';
import { TestClock } from 'runway-emulator/testing';
import { jsonRequest, routeContext } from '@/tests/unit/request';
import { signInWithTestPassword, useFreshLimits } from '@/tests/unit/security';

/** "Make a video": POST /api/avatar-videos (text), POST /api/avatar-videos/audio (an upload), GET /api/tasks/[id]. */

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
let cookie = '';

async function errorOf(response: Response) {
  const body = (await response.json()) as { error: { code: string; message: string } };
  return { status: response.status, code: body.error.code };
}

describe('in live mode', () => {
  let clock = new TestClock();
  const fake = useRunwayFake({ now: () => clock.value, videoMs: 4000 });
  useFreshLimits();
  beforeEach(async () => {
    clock = new TestClock();
    cookie = await signInWithTestPassword();
  });

  const renderText = (body: unknown, headers: Record<string, string> = {}) =>
    textRoute(jsonRequest('/api/avatar-videos', { body, headers: { cookie, ...headers } }), routeContext({}));
  const upload = (bytes: Uint8Array<ArrayBuffer>, type: string, avatarId = 'cat-character') =>
    audioRoute(
      new Request(`http://localhost/api/avatar-videos/audio?avatarId=${avatarId}`, {
        method: 'POST',
        headers: { cookie, 'content-type': type },
        body: bytes,
      }),
      routeContext({}),
    );
  const task = async (id: string) => {
    const response = await taskRoute(jsonRequest(`/api/tasks/${id}`, { headers: { cookie } }), routeContext({ id }));
    expect(response.status).toBe(200);
    return (await response.json()) as VideoTask;
  };
  async function started(response: Response) {
    expect(response.status).toBe(202);
    return ((await response.json()) as { taskId: string }).taskId;
  }

  it('renders from text with a preset voice: pending, running with progress, then a video link', async () => {
    const taskId = await started(
      await renderText({ avatarId: DEMO_AVATAR_ID, text: 'Welcome to the starter.', voice: { kind: 'preset', id: 'clara' } }),
    );
    expect(await task(taskId)).toEqual({ id: taskId, status: 'pending', progress: null, videoUrl: null, failure: null });
    clock.advance(2500);
    expect(await task(taskId)).toMatchObject({ status: 'running', progress: 0.5 });
    clock.advance(1500);
    const done = await task(taskId);
    expect(done).toMatchObject({ status: 'succeeded', failure: null });
    expect((await fetch(done.videoUrl!)).headers.get('content-type')).toBe('audio/wav');
  });

  it('takes a script of 5000 characters, Runway’s limit, even in a non-Latin script', async () => {
    expect((await renderText({ avatarId: 'cat-character', text: 'あ'.repeat(5000) })).status).toBe(202);
  });

  it('sends Runway the voice as { type: "preset" } or { type: "custom" }, never the avatars’ "runway-live-preset"', async () => {
    // The emulator refuses the wrong discriminator with 400, so a started task proves the mapping.
    await started(await renderText({ avatarId: 'cat-character', text: 'Hi', voice: { kind: 'preset', id: 'max' } }));
    await started(await renderText({ avatarId: 'cat-character', text: 'Hi', voice: { kind: 'custom', id: UNKNOWN_ID } }));
    await started(await renderText({ avatarId: 'cat-character', text: 'Hi' }));
    expect(fake.requests.filter((request) => request === 'POST /v1/avatar_videos')).toHaveLength(3);
  });

  it('reports a failed render with our message and Runway’s code', async () => {
    fake.emulator.control.queueFaults(['video-fail']);
    const taskId = await started(await renderText({ avatarId: 'cat-character', text: 'Hi' }));
    clock.advance(5000);
    expect(await task(taskId)).toEqual({
      id: taskId,
      status: 'failed',
      progress: null,
      videoUrl: null,
      failure: { code: 'INTERNAL.BAD_OUTPUT.CODE01', message: 'Runway could not render this video. Please try again.' },
    });
  });

  it.each([
    [{ avatarId: 'cat-character', text: '' }, 'empty text'],
    [{ avatarId: 'cat-character', text: '   ' }, 'only spaces'],
    [{ avatarId: 'cat-character', text: 'a'.repeat(5001) }, '5001 characters'],
    [{ avatarId: 'cat-character', text: 'Hi', voice: { kind: 'runway-live-preset', id: 'clara' } }, 'the avatars’ voice discriminator'],
    [{ avatarId: 'cat-character', text: 'Hi', voice: { kind: 'preset', id: 'hal' } }, 'an unknown voice'],
    [{ avatarId: 'not-an-avatar', text: 'Hi' }, 'an unknown avatar id'],
    [{ avatarId: 'cat-character', text: 'Hi', model: 'gen4' }, 'an unknown key'],
  ] as Array<[Record<string, unknown>, string]>)('refuses %j (%s) with 400, before asking Runway', async (body) => {
    expect(await errorOf(await renderText(body))).toEqual({ status: 400, code: 'invalid_request' });
    expect(fake.requests).toEqual([]);
  });

  it('404s a custom avatar Runway does not know, and a task it does not know', async () => {
    expect(await errorOf(await renderText({ avatarId: UNKNOWN_ID, text: 'Hi' }))).toEqual({ status: 404, code: 'not_found' });
    const response = await taskRoute(jsonRequest(`/api/tasks/${UNKNOWN_ID}`, { headers: { cookie } }), routeContext({ id: UNKNOWN_ID }));
    expect(await errorOf(response)).toEqual({ status: 404, code: 'not_found' });
  });

  it('hands a finished video over as a file to save, from this origin; not before it is done', async () => {
    const taskId = await started(await renderText({ avatarId: 'cat-character', text: 'Hello there.' }));
    const download = () =>
      downloadRoute(jsonRequest(`/api/tasks/${taskId}/download`, { headers: { cookie } }), routeContext({ id: taskId }));
    expect(await errorOf(await download())).toEqual({ status: 409, code: 'conflict' });
    clock.advance(4000);
    const file = await download();
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename="avatar-video-${taskId}.wav"`);
    expect(file.headers.get('content-type')).toBe('audio/wav');
    // The bytes behind Runway's link, passed through: a RIFF/WAVE file.
    expect(new TextDecoder().decode((await file.arrayBuffer()).slice(0, 4))).toBe('RIFF');
  });

  it('renders from an uploaded WAV, checked by its bytes', async () => {
    const taskId = await started(await upload(new Uint8Array(wavAudio(1)), 'audio/wav'));
    clock.advance(4000);
    expect((await task(taskId)).status).toBe('succeeded');
  });

  it('refuses uploads that are not audio, are too large, empty, or sent as JSON', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    expect(await errorOf(await upload(png, 'audio/wav'))).toEqual({ status: 415, code: 'unsupported_media_type' });
    const huge = new Uint8Array(MAX_AUDIO_BYTES + 1);
    huge.set(new Uint8Array(wavAudio(1)).slice(0, 44));
    expect(await errorOf(await upload(huge, 'audio/wav'))).toEqual({ status: 413, code: 'payload_too_large' });
    expect(await errorOf(await upload(new Uint8Array(), 'audio/wav'))).toEqual({ status: 400, code: 'invalid_request' });
    expect(await errorOf(await upload(new TextEncoder().encode('{"a":1}'), 'application/json'))).toEqual({
      status: 415,
      code: 'unsupported_media_type',
    });
    expect(await errorOf(await upload(new Uint8Array(wavAudio(1)), 'audio/wav', 'nope'))).toEqual({ status: 400, code: 'invalid_request' });
    expect(fake.requests).toEqual([]);
  });
});
