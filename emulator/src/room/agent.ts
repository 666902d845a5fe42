import { MediaStreamTrack, RtpHeader, RtpPacket } from 'werift';
import {
  agentStep,
  agentVoice,
  INITIAL_AGENT_STATE,
  type AgentAction,
  type AgentEvent,
  type AgentScriptConfig,
  type AgentState,
  type AgentTool,
  type ToolAnswer,
} from './agent-script';
import type { AgentMedia, SpokenLine } from './agent-media';
import { AvatarVideoPlayer } from './media/avatar-video';
import { OPUS_FRAME_MS, OPUS_FRAME_TICKS } from './media/opus-rtp';
import { packetizeVp8, vp8RtpTimestamp } from './media/vp8-rtp';
import { OPUS_PAYLOAD_TYPE, VP8_PAYLOAD_TYPE } from './peer';
import { describeRpcFailure, type RpcOutcome } from './rpc';

/**
 * The emulated Runway avatar worker in a room: it publishes a VP8 camera track and an Opus microphone track,
 * speaks its script as real audio while its face plays the talking loop, and sends what it says as Runway's
 * transcription packets, word by word, so what is heard and what is read always match.
 */

/** Opus's 20 ms silence frame: keeps the audio track flowing between lines without a decoder. */
const OPUS_SILENCE = Buffer.from([0xf8, 0xff, 0xfe]);
/** Beyond this lag the media clock skips ahead: a burst of stale frames helps no one. */
const MAX_CATCH_UP_MS = 200;

export interface AgentOutput {
  /** A Runway data message (JSON) for the visitor, on the reliable channel. */
  data: (message: Record<string, unknown>) => void;
  /** The agent started or stopped speaking (LiveKit's speakersChanged). */
  speaking: (active: boolean) => void;
  /** A turn for the session's conversation transcript. */
  turn: (turn: {
    role: 'user' | 'assistant';
    content: string | null;
    toolCalls?: Array<{ name: string; arguments: Record<string, unknown> }>;
    toolResults?: Array<{ name: string; durationMs: number } & ToolAnswer>;
  }) => void;
  /** Calls a backend tool over LiveKit RPC; never rejects. */
  callBackend: (method: string, payload: string, timeoutMs: number) => Promise<RpcOutcome>;
}

interface Playing {
  line: SpokenLine;
  turn: number;
  frame: number;
  words: string[];
  wordsSent: number;
}

export class EmulatedAgent {
  readonly audio = new MediaStreamTrack({ kind: 'audio' });
  readonly video = new MediaStreamTrack({ kind: 'video' });
  private state: AgentState = INITIAL_AGENT_STATE;
  private queue: Array<Promise<SpokenLine>> = [];
  private playing: Playing | undefined;
  private synthesising = false;
  private turns = 0;
  private timer: NodeJS.Timeout | undefined;
  private audioSeq = 0;
  private audioTs = 0;
  private videoSeq = 0;
  private readonly face: AvatarVideoPlayer;
  private startedAt = 0;
  private nextAudioMs = 0;
  private nextVideoMs = 0;
  private stopped = false;

  constructor(
    private readonly config: AgentScriptConfig,
    private readonly media: AgentMedia,
    private readonly output: AgentOutput,
  ) {
    this.face = new AvatarVideoPlayer(media.loops);
  }

  start() {
    if (this.timer) return;
    this.startedAt = performance.now();
    this.timer = setInterval(() => this.tick(), OPUS_FRAME_MS);
    this.dispatch({ type: 'joined' });
  }

  stop() {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
    this.queue = [];
    this.playing = undefined;
    this.audio.stop();
    this.video.stop();
  }

  visitorSpoke(durationMs: number) {
    this.dispatch({ type: 'visitor-spoke', durationMs });
  }

  requestTool(name: string, args?: Record<string, unknown>) {
    this.dispatch({ type: 'tool-requested', name, args });
  }

  /** A picture loss: the next video frame sent is a keyframe. */
  requestKeyframe() {
    this.face.requestKeyframe();
  }

  get speaking() {
    return this.playing !== undefined;
  }

  private dispatch(event: AgentEvent) {
    const next = agentStep(this.state, event, this.config);
    this.state = next.state;
    for (const action of next.actions) this.perform(action);
  }

  private perform(action: AgentAction) {
    switch (action.type) {
      case 'say':
        // Synthesis starts now, off the media clock; playback waits its turn in the queue.
        this.queue.push(this.media.speak(action.text, agentVoice(this.config)));
        return;
      case 'visitor-turn':
        this.output.data({ type: 'transcription', role: 'user', turn: this.turns++, text: action.text });
        this.output.turn({ role: 'user', content: action.text });
        return;
      case 'call-tool':
        this.output.turn({ role: 'assistant', content: null, toolCalls: [{ name: action.tool.name, arguments: action.args }] });
        if (action.tool.kind === 'client') this.output.data({ type: 'client_event', tool: action.tool.name, args: action.args });
        else void this.callBackend(action.tool, action.args);
        return;
    }
  }

  /** Runway's worker sends the arguments as JSON and gives the model the answer (or the failure) to speak. */
  private async callBackend(tool: AgentTool, args: Record<string, unknown>) {
    const startedAt = performance.now();
    const outcome = await this.output.callBackend(tool.name, JSON.stringify(args), tool.timeoutMs);
    if (this.stopped) return;
    const answer = outcome.ok ? { result: parseResult(outcome.payload) } : { error: describeRpcFailure(outcome, tool.timeoutMs) };
    const durationMs = Math.round(performance.now() - startedAt);
    this.output.turn({ role: 'assistant', content: null, toolResults: [{ name: tool.name, durationMs, ...answer }] });
    this.dispatch({ type: 'tool-answered', name: tool.name, answer });
  }

  /**
   * Sends what is due by the wall clock, not by counting ticks: a timer that fires late would otherwise slow
   * the voice and the face below real time. After a long stall the clock jumps ahead rather than bursting.
   */
  private tick() {
    const now = performance.now() - this.startedAt;
    if (now - this.nextAudioMs > MAX_CATCH_UP_MS) {
      this.nextAudioMs = now;
      this.nextVideoMs = now;
    }
    while (this.nextAudioMs <= now) {
      this.sendAudio();
      this.nextAudioMs += OPUS_FRAME_MS;
    }
    while (this.nextVideoMs <= now) {
      this.sendVideo();
      this.nextVideoMs += this.face.frameDurationMs;
    }
  }

  private startNextLine() {
    const next = this.queue[0];
    if (!next || this.synthesising) return;
    // A line still being synthesised waits, with silence meanwhile.
    this.synthesising = true;
    void next.then(
      (line) => {
        this.synthesising = false;
        if (this.queue[0] !== next) return;
        this.queue.shift();
        this.playing = { line, turn: this.turns++, frame: 0, words: line.text.split(/\s+/).filter(Boolean), wordsSent: 0 };
        this.output.turn({ role: 'assistant', content: line.text });
        this.output.speaking(true);
      },
      () => {
        this.synthesising = false;
        if (this.queue[0] === next) this.queue.shift();
        this.dispatch({ type: 'line-done' });
      },
    );
  }

  private sendAudio() {
    if (!this.playing) this.startNextLine();
    const playing = this.playing;
    const frame = playing?.line.frames[playing.frame];
    this.audio.writeRtp(this.rtp(OPUS_PAYLOAD_TYPE, this.audioSeq++, this.audioTs, true, frame ?? OPUS_SILENCE));
    this.audioTs += OPUS_FRAME_TICKS;
    if (!playing) return;
    playing.frame += 1;
    // Words go out in step with the audio, as interim deltas of one turn.
    const due = Math.ceil((playing.frame / playing.line.frames.length) * playing.words.length);
    while (playing.wordsSent < Math.min(due, playing.words.length)) {
      const word = playing.words[playing.wordsSent]!;
      this.output.data({ type: 'transcription', role: 'assistant', turn: playing.turn, text: playing.wordsSent === 0 ? word : ` ${word}` });
      playing.wordsSent += 1;
    }
    if (playing.frame >= playing.line.frames.length) {
      this.playing = undefined;
      this.output.speaking(false);
      this.dispatch({ type: 'line-done' });
    }
  }

  private sendVideo() {
    // The face talks exactly while a line plays; loops switch on keyframes (AvatarVideoPlayer).
    const frame = this.face.next(this.playing !== undefined);
    const timestamp = vp8RtpTimestamp(0, this.nextVideoMs);
    const payloads = packetizeVp8(frame.data);
    payloads.forEach((payload, index) => {
      this.video.writeRtp(this.rtp(VP8_PAYLOAD_TYPE, this.videoSeq++, timestamp, index === payloads.length - 1, payload));
    });
  }

  private rtp(payloadType: number, sequence: number, timestamp: number, marker: boolean, payload: Uint8Array) {
    // A serialised packet: each peer's sender deserialises its own copy, so rewriting ssrc and offsets
    // for one visitor never touches another's.
    const header = new RtpHeader({ payloadType, sequenceNumber: sequence & 0xffff, timestamp: timestamp >>> 0, marker });
    return new RtpPacket(header, Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength)).serialize();
  }
}

/** A handler's answer is JSON; anything that is not an object is kept as a value, not lost. */
function parseResult(payload: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return { value: payload };
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
}
