import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AVATAR_ASSETS_DIR, AvatarVideoPlayer, loadAvatarLoops } from '../../../src/room/media/avatar-video';

let directory: string | undefined;
afterEach(() => {
  if (directory) rmSync(directory, { recursive: true, force: true });
  directory = undefined;
});

describe('loadAvatarLoops', () => {
  it('loads both committed loops', async () => {
    const { idle, talking } = await loadAvatarLoops();
    expect([idle.frames.length, talking.frames.length]).toEqual([96, 48]);
  });

  it('refuses loops of different sizes', async () => {
    directory = mkdtempSync(path.join(tmpdir(), 'avatar-loops-'));
    copyFileSync(path.join(AVATAR_ASSETS_DIR, 'avatar-idle.ivf'), path.join(directory, 'avatar-idle.ivf'));
    const other = readFileSync(path.join(AVATAR_ASSETS_DIR, 'avatar-talking.ivf'));
    other.writeUInt16LE(320, 12);
    writeFileSync(path.join(directory, 'avatar-talking.ivf'), other);
    await expect(loadAvatarLoops(directory)).rejects.toThrow('differ in size or frame rate');
  });

  it('refuses a loop that does not start on a keyframe', async () => {
    directory = mkdtempSync(path.join(tmpdir(), 'avatar-loops-'));
    copyFileSync(path.join(AVATAR_ASSETS_DIR, 'avatar-idle.ivf'), path.join(directory, 'avatar-idle.ivf'));
    const other = readFileSync(path.join(AVATAR_ASSETS_DIR, 'avatar-talking.ivf'));
    other[32 + 12] = other[32 + 12]! | 0x01;
    writeFileSync(path.join(directory, 'avatar-talking.ivf'), other);
    await expect(loadAvatarLoops(directory)).rejects.toThrow('avatar-talking.ivf does not start with a keyframe');
  });
});

describe('AvatarVideoPlayer', () => {
  it('plays the idle loop round, and switches loops on their first frame, a keyframe', async () => {
    const loops = await loadAvatarLoops();
    const player = new AvatarVideoPlayer(loops);
    expect(player.frameDurationMs).toBeCloseTo(1000 / 24);
    const idle = Array.from({ length: 97 }, () => player.next(false));
    expect(idle[0]).toBe(loops.idle.frames[0]);
    expect(idle[95]).toBe(loops.idle.frames[95]);
    expect(idle[96]).toBe(loops.idle.frames[0]);
    player.next(false);
    player.next(false);
    const first = player.next(true);
    expect(first).toBe(loops.talking.frames[0]);
    expect(first.keyframe).toBe(true);
    expect(player.next(true)).toBe(loops.talking.frames[1]);
    expect(player.next(false)).toBe(loops.idle.frames[0]);
  });

  it('answers a keyframe request with the loop’s latest keyframe', async () => {
    const loops = await loadAvatarLoops();
    const player = new AvatarVideoPlayer(loops);
    for (let index = 0; index < 30; index += 1) player.next(false);
    player.requestKeyframe();
    const frame = player.next(false);
    expect(frame.keyframe).toBe(true);
    expect(frame).toBe(loops.idle.frames[24]);
    expect(player.next(false)).toBe(loops.idle.frames[25]);
  });
});
