import { DataPacket, DataPacket_Kind, RpcRequest } from '@livekit/protocol';

/**
 * The caller's half of LiveKit RPC, as Runway's avatar worker uses it to call a backend tool: an RpcRequest
 * data packet to one participant, then an RpcAck and an RpcResponse back. The worker gives up when no ack
 * comes (connection timeout) or no response within the tool's `timeoutSeconds` (response timeout), as
 * livekit-client and rtc-node do; a response that arrives later is ignored.
 */

/** LiveKit's RPC error codes, shared by livekit-client and @livekit/rtc-node. */
export const RPC_ERROR = {
  APPLICATION_ERROR: 1500,
  CONNECTION_TIMEOUT: 1501,
  RESPONSE_TIMEOUT: 1502,
  RECIPIENT_DISCONNECTED: 1503,
  RECIPIENT_NOT_FOUND: 1401,
} as const;

export type RpcOutcome = { ok: true; payload: string } | { ok: false; code: number; message: string };

/** How long the caller waits for the acknowledgement (LiveKit's round-trip allowance). */
const ACK_TIMEOUT_MS = 2_000;

interface Pending {
  settle: (outcome: RpcOutcome) => void;
  ackTimer: NodeJS.Timeout;
  responseTimer: NodeJS.Timeout;
}

export interface RpcCall {
  /** The request id (the caller picks it, so it can recognise this call's packets). */
  id: string;
  caller: { sid: string; identity: string };
  destination: string;
  method: string;
  payload: string;
  timeoutMs: number;
  /** The packet's sequence number (the receiver drops reliable packets it has already seen from a sender). */
  sequence: number;
}

export class RpcCaller {
  private readonly pending = new Map<string, Pending>();

  /** Sends the request through `send` (false: it could not be sent) and resolves with the outcome, never rejects. */
  call(call: RpcCall, send: (packet: Uint8Array) => boolean): Promise<RpcOutcome> {
    const { id } = call;
    const packet = new DataPacket({
      kind: DataPacket_Kind.RELIABLE,
      participantIdentity: call.caller.identity,
      participantSid: call.caller.sid,
      destinationIdentities: [call.destination],
      sequence: call.sequence,
      value: {
        case: 'rpcRequest',
        value: new RpcRequest({ id, method: call.method, payload: call.payload, responseTimeoutMs: call.timeoutMs, version: 1 }),
      },
    });
    return new Promise<RpcOutcome>((resolve) => {
      const settle = (outcome: RpcOutcome) => {
        const entry = this.pending.get(id);
        if (!entry) return;
        this.pending.delete(id);
        clearTimeout(entry.ackTimer);
        clearTimeout(entry.responseTimer);
        resolve(outcome);
      };
      this.pending.set(id, {
        settle,
        ackTimer: setTimeout(
          () => settle({ ok: false, code: RPC_ERROR.CONNECTION_TIMEOUT, message: 'Connection timeout' }),
          ACK_TIMEOUT_MS,
        ),
        responseTimer: setTimeout(
          () => settle({ ok: false, code: RPC_ERROR.RESPONSE_TIMEOUT, message: 'Response timeout' }),
          call.timeoutMs,
        ),
      });
      if (!send(packet.toBinary())) settle({ ok: false, code: RPC_ERROR.RECIPIENT_DISCONNECTED, message: 'Recipient disconnected' });
    });
  }

  /** An ack or a response to one of our calls; anything else, or a late answer, changes nothing. */
  receive(packet: DataPacket) {
    const { value } = packet;
    if (value.case === 'rpcAck') {
      const entry = this.pending.get(value.value.requestId);
      if (entry) clearTimeout(entry.ackTimer);
    } else if (value.case === 'rpcResponse') {
      const { requestId, value: result } = value.value;
      const settle = this.pending.get(requestId)?.settle;
      if (result.case === 'error') settle?.({ ok: false, code: result.value.code, message: result.value.message });
      else settle?.({ ok: true, payload: result.case === 'payload' ? result.value : '' });
    }
  }

  /** Every call in flight fails at once: the callee left. */
  failAll(code: number, message: string) {
    for (const entry of [...this.pending.values()]) entry.settle({ ok: false, code, message });
  }
}

/** The failure as the worker reports it to the model: the handler's own message, or what went wrong on the way. */
export function describeRpcFailure(outcome: { code: number; message: string }, timeoutMs: number): string {
  switch (outcome.code) {
    case RPC_ERROR.APPLICATION_ERROR:
      return outcome.message;
    case RPC_ERROR.RESPONSE_TIMEOUT:
      return `The tool did not answer within ${timeoutMs / 1000} s.`;
    case RPC_ERROR.CONNECTION_TIMEOUT:
      return 'The backend did not acknowledge the call.';
    case RPC_ERROR.RECIPIENT_NOT_FOUND:
    case RPC_ERROR.RECIPIENT_DISCONNECTED:
      return 'No backend is connected to this call.';
    default:
      return outcome.message || `RPC error ${outcome.code}`;
  }
}
