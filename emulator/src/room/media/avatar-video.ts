import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Ivf, type IvfFrame, parseIvf } from './ivf';

/**
 * The avatar's face: two pre-encoded VP8 loops made by scripts/make-room-media.sh, idle and talking, of the
 * same size and frame rate, each starting on a keyframe.
 */
export const AVATAR_ASSETS_DIR = fileURLToPath(new URL('../assets', import.meta.url));

export interface AvatarLoops {
  idle: Ivf;
  talking: Ivf;
}

/** Reads and checks both loops: VP8, one size, one frame rate, a keyframe first. */
export async function loadAvatarLoops(directory = AVATAR_ASSETS_DIR): Promise<AvatarLoops> {
  const [idle, talking] = await Promise.all(
    ['avatar-idle.ivf', 'avatar-talking.ivf'].map(async (name) => {
      // Not traced from here (the directory is a parameter): next.config.ts includes the assets instead.
      const ivf = parseIvf(await readFile(path.join(/* turbopackIgnore: true */ directory, name)));
      if (ivf.header.fourcc !== 'VP80') throw new Error(`${name} is ${ivf.header.fourcc}, not VP8.`);
      if (!ivf.frames[0]?.keyframe) throw new Error(`${name} does not start with a keyframe.`);
      return ivf;
    }),
  );
  if (
    idle!.header.width !== talking!.header.width ||
    idle!.header.height !== talking!.header.height ||
    idle!.frameDurationMs !== talking!.frameDurationMs
  ) {
    throw new Error('The idle and talking loops differ in size or frame rate.');
  }
  return { idle: idle!, talking: talking! };
}

/**
 * Picks the frame to send at each tick. A change between idle and talking starts the other loop at its first
 * frame, a keyframe, so the receiver never decodes a frame against the wrong reference. After a PLI
 * (`requestKeyframe`), the current loop goes back to its latest keyframe: a keyframe goes out at once, at
 * the cost of replaying under a second of the loop.
 */
export class AvatarVideoPlayer {
  private loop: 'idle' | 'talking' = 'idle';
  private position = 0;
  private keyframeWanted = false;

  constructor(private readonly loops: AvatarLoops) {}

  get frameDurationMs() {
    return this.loops.idle.frameDurationMs;
  }

  requestKeyframe() {
    this.keyframeWanted = true;
  }

  /** The next frame; `talking` says which loop it should come from. */
  next(talking: boolean): IvfFrame {
    const wanted = talking ? 'talking' : 'idle';
    const frames = this.loops[wanted].frames;
    if (wanted !== this.loop) {
      this.loop = wanted;
      this.position = 0;
    } else if (this.keyframeWanted) {
      while (this.position > 0 && !frames[this.position]!.keyframe) this.position -= 1;
    }
    this.keyframeWanted = false;
    const frame = frames[this.position]!;
    this.position = (this.position + 1) % frames.length;
    return frame;
  }
}
