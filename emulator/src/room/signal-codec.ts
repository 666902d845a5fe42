import { gunzipSync } from 'node:zlib';
import { JoinRequest, SignalRequest, SignalResponse, WrappedJoinRequest, WrappedJoinRequest_Compression } from '@livekit/protocol';

/**
 * LiveKit's signal messages, decoded and encoded with the generated classes of `@livekit/protocol` (the
 * version livekit-client pins). Everything that arrives from a socket passes through here first, so a
 * malformed message is a SignalFormatError and never reaches the room.
 */

/** Larger than any join request or offer livekit-client sends (a few kB), small enough to refuse floods. */
export const MAX_SIGNAL_BYTES = 64 * 1024;

export class SignalFormatError extends Error {}

export type SignalResponseMessage = SignalResponse['message'];
export type SignalRequestMessage = Exclude<SignalRequest['message'], { case: undefined }>;

/** The `join_request` query parameter of `/rtc/v1`: base64url of a WrappedJoinRequest, maybe gzipped. */
export function decodeJoinRequest(param: string): JoinRequest {
  if (param.length > MAX_SIGNAL_BYTES || !/^[A-Za-z0-9_-]*={0,2}$/.test(param)) {
    throw new SignalFormatError('join_request is not base64url.');
  }
  try {
    const wrapped = WrappedJoinRequest.fromBinary(Buffer.from(param, 'base64url'));
    const bytes =
      wrapped.compression === WrappedJoinRequest_Compression.GZIP
        ? gunzipSync(wrapped.joinRequest, { maxOutputLength: MAX_SIGNAL_BYTES })
        : wrapped.joinRequest;
    return JoinRequest.fromBinary(bytes);
  } catch {
    throw new SignalFormatError('join_request is not a JoinRequest.');
  }
}

export function decodeSignalRequest(data: Uint8Array): SignalRequestMessage {
  if (data.byteLength > MAX_SIGNAL_BYTES) throw new SignalFormatError('Signal message too large.');
  let request: SignalRequest;
  try {
    request = SignalRequest.fromBinary(data);
  } catch {
    throw new SignalFormatError('Not a SignalRequest.');
  }
  if (!request.message.case) throw new SignalFormatError('Empty SignalRequest.');
  return request.message;
}

export function encodeSignalResponse(message: SignalResponseMessage): Uint8Array {
  return new SignalResponse({ message }).toBinary();
}
