/**
 * Finds the visitor's utterances in their microphone's Opus RTP stream without decoding it.
 *
 * A packet is voiced when its audio level (the `ssrc-audio-level` header extension, RFC 6464: 0 is the
 * loudest, 127 silence) is at most `maxSpeechLevel`, or, with no level, when its payload is at least
 * `minSpeechBytes`. livekit-client publishes the mic with Opus DTX: in silence the encoder sends one 1-byte
 * packet, then nothing but a refresh packet every ~400 ms (about 32–38 bytes at 32 kbit/s); speech is 40+
 * bytes every 20 ms.
 *
 * An utterance starts once `minUtteranceMs` of voiced packets have come with no break in the packet stream
 * longer than `maxBreakMs` (so DTX refresh packets and short noises never add up to one), and ends once
 * no voiced packet has arrived for `hangoverMs` (pauses between words and DTX gaps are shorter), or after
 * `maxUtteranceMs` of speech, so steady noise still gets a reply. Time is the packets' arrival time; the
 * utterance's length comes from their RTP timestamps, which jitter does not move.
 */

export interface SpeechDetectorOptions {
  /** Payload bytes from which a packet without an audio level is voiced; default 40. */
  minSpeechBytes?: number;
  /** Audio level (−dBov, 0–127) at or below which a packet is voiced; default 50. */
  maxSpeechLevel?: number;
  /** Silence that ends an utterance; default 700 ms. */
  hangoverMs?: number;
  /** Voiced time before an utterance counts; default 300 ms. Shorter bursts are ignored. */
  minUtteranceMs?: number;
  /** A longer gap between packets before an utterance is confirmed starts the count again; default 100 ms. */
  maxBreakMs?: number;
  /** An utterance is ended at this length even if speech goes on; default 30 s. */
  maxUtteranceMs?: number;
  /** RTP clock rate; default 48 000 (Opus). */
  clockRate?: number;
  /** Audio per packet; default 20 ms (livekit-client's Opus frames). */
  frameMs?: number;
}

export interface OpusPacketInfo {
  /** Arrival time, ms on a monotonic clock (performance.now()). */
  arrivalMs: number;
  rtpTimestamp: number;
  payloadBytes: number;
  /** The RFC 6464 level, 0–127, when the extension was negotiated. */
  audioLevel?: number;
}

export type SpeechEvent = { type: 'speech-start'; atMs: number } | { type: 'speech-end'; atMs: number; durationMs: number };

type State =
  | { phase: 'silent' }
  | { phase: 'pending' | 'speaking'; firstTimestamp: number; lastVoicedTimestamp: number; lastVoicedMs: number; voicedMs: number };

const HALF_RANGE = 2 ** 31;

/** RTP ticks from `from` to `to` modulo 2^32: half the range or more means `to` is older (RFC 3550 wrap). */
const forward = (from: number, to: number) => (to - from) >>> 0;

export class SpeechDetector {
  private readonly options: Required<SpeechDetectorOptions>;
  private state: State = { phase: 'silent' };
  private previous: number | undefined;

  constructor(options: SpeechDetectorOptions = {}) {
    this.options = {
      minSpeechBytes: 40,
      maxSpeechLevel: 50,
      hangoverMs: 700,
      minUtteranceMs: 300,
      maxBreakMs: 100,
      maxUtteranceMs: 30_000,
      clockRate: 48_000,
      frameMs: 20,
      ...options,
    };
  }

  get speaking() {
    return this.state.phase === 'speaking';
  }

  /** Feeds one received packet; returns the events it caused (an end can precede a new start). */
  packet({ arrivalMs, rtpTimestamp, payloadBytes, audioLevel }: OpusPacketInfo): SpeechEvent[] {
    const timestamp = rtpTimestamp >>> 0;
    const previous = this.previous;
    // A duplicate or reordered packet adds nothing and would count its audio twice.
    const sincePrevious = previous !== undefined ? forward(previous, timestamp) : undefined;
    if (sincePrevious !== undefined && (sincePrevious === 0 || sincePrevious >= HALF_RANGE)) return [];
    this.previous = timestamp;
    const events = this.advance(arrivalMs);
    const { minSpeechBytes, maxSpeechLevel, maxBreakMs, minUtteranceMs, frameMs } = this.options;
    const voiced = audioLevel === undefined ? payloadBytes >= minSpeechBytes : audioLevel <= maxSpeechLevel;
    const state = this.state;
    if (state.phase === 'pending' && sincePrevious !== undefined && this.ms(sincePrevious) > maxBreakMs + frameMs) {
      this.state = { phase: 'silent' };
    }
    if (!voiced) return events;
    const current = this.state;
    if (current.phase === 'silent') {
      this.state = {
        phase: 'pending',
        firstTimestamp: timestamp,
        lastVoicedTimestamp: timestamp,
        lastVoicedMs: arrivalMs,
        voicedMs: frameMs,
      };
    } else {
      current.lastVoicedTimestamp = timestamp;
      current.lastVoicedMs = arrivalMs;
      current.voicedMs += frameMs;
    }
    const updated = this.state;
    if (updated.phase === 'pending' && updated.voicedMs >= minUtteranceMs) {
      updated.phase = 'speaking';
      events.push({ type: 'speech-start', atMs: arrivalMs });
    }
    return events;
  }

  /** Moves the clock on with no packet (in DTX silence none come): call it every ~100 ms. */
  advance(nowMs: number): SpeechEvent[] {
    const state = this.state;
    if (state.phase === 'silent') return [];
    const { hangoverMs, maxUtteranceMs, frameMs } = this.options;
    const durationMs = this.ms(forward(state.firstTimestamp, state.lastVoicedTimestamp)) + frameMs;
    if (nowMs - state.lastVoicedMs < hangoverMs && durationMs < maxUtteranceMs) return [];
    this.state = { phase: 'silent' };
    return state.phase === 'speaking' ? [{ type: 'speech-end', atMs: nowMs, durationMs }] : [];
  }

  private ms(ticks: number) {
    return (ticks * 1000) / this.options.clockRate;
  }
}
