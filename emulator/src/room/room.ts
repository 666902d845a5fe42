import {
  DataPacket,
  DisconnectReason,
  LeaveRequest,
  LeaveRequest_Action,
  Pong,
  ReconnectResponse,
  SessionDescription,
  SpeakerInfo,
  SpeakersChanged,
  TrackPublishedResponse,
  TrackSource,
  TrackType,
  type JoinRequest,
  type TrackInfo,
} from '@livekit/protocol';
import { RTP_EXTENSION_URI, type MediaStreamTrack, type RTCDataChannel } from 'werift';
import { setTimeout as sleep } from 'node:timers/promises';
import type { WebSocket } from 'ws';
import { EmulatedAgent, type AgentOutput } from './agent';
import { RPC_ERROR, RpcCaller, type RpcOutcome } from './rpc';
import type { AgentMedia } from './agent-media';
import type { AgentScriptConfig } from './agent-script';
import { SpeechDetector, type SpeechEvent } from './media/speech-detector';
import { Peer, type OutgoingTrack } from './peer';
import { agentDataPacket, joinResponse, publishedTrack, qualityUpdate, type AgentInfo } from './room-messages';
import type { RoomGrant } from './tokens';
import { sendingTrackIds } from './sdp';
import {
  decodeSignalRequest,
  encodeSignalResponse,
  SignalFormatError,
  type SignalRequestMessage,
  type SignalResponseMessage,
} from './signal-codec';

/**
 * One emulated LiveKit room: the session's call. It holds the agent (always there, as Runway's worker joins
 * first), at most one visible visitor, and at most one hidden backend (the app's RPC handler for backend
 * tools, which the visitor never sees: the Runway SDK takes the first remote participant for the avatar). A
 * second join in a slot replaces the first, as a duplicate identity does in LiveKit. Everything a socket
 * sends is decoded through the protobufs and answered here.
 */

/**
 * The livekit-client release this room was checked against in a real browser (through the Runway React SDK,
 * which pins it). A unit test fails when the installed one differs: re-check the room, then raise this.
 */
export const VERIFIED_LIVEKIT_CLIENT = '2.23.0';
const QUALITY_INTERVAL_MS = 5_000;
/** In DTX silence no packets arrive to end an utterance: the detectors are advanced on this clock too. */
const LISTEN_INTERVAL_MS = 100;
/**
 * The answer to the offer inside the join request waits this long behind the JoinResponse. livekit-client
 * 2.23 applies that deferred offer only when the answer lands, and about 50–90 ms after the JoinResponse it
 * asks for a negotiation of its own. If that request falls while the deferred offer is still being applied,
 * the client creates a second offer that Chrome then refuses ("Transceiver not found based on m-line index"),
 * and the peer connection is lost. Arriving after the request, the answer makes the client queue it as a
 * renegotiation instead, as it does with a server on a real network.
 */
const FIRST_ANSWER_DELAY_MS = 250;
/** How long a room waits for its first media connection (LiveKit's empty timeout is 5 minutes; the session's own expiry bounds this one). */
const EMPTY_TIMEOUT_MS = 30_000;

/**
 * How long the connection of a visitor who sent `leave` stays open. The Runway SDK hangs up by sending
 * END_CALL on the data channel and then leaving on the signal socket; the two travel apart, so the leave
 * can arrive first, and END_CALL must still be heard.
 */
const LEAVE_GRACE_MS = 2_000;
/** What the agent said while no visitor could hear it (a reconnect): kept to deliver when one can, up to this many. */
const MAX_UNDELIVERED = 500;

export interface RoomSession {
  sessionId: string;
  roomName: string;
  maxDurationSeconds: number;
  script: AgentScriptConfig;
  /** Whether a room may open for it now (READY: consumed, not cancelled, expired or over). */
  joinable: () => boolean;
  /** The session as GET /v1/realtime_sessions/{id} reports it now. */
  status: () => { status: string };
  /** The visitor's media connected: the session is RUNNING. */
  joined: () => void;
  /** The call is over: END_CALL, the visitor left, or maxDuration. */
  ended: () => void;
  turn: AgentOutput['turn'];
  /** Whether the emulator's `rpc-timeout` fault holds back the answer to this backend tool call. */
  stallsNextRpc: () => boolean;
}

export interface RoomOptions {
  iceAddress: string;
  /** How long a visitor whose connection dropped may take to come back before the call ends. */
  departureTimeoutMs: number;
}

export type RoomEndReason = 'end-call' | 'departed' | 'max-duration' | 'shutdown';

const randomSid = (prefix: string) => `${prefix}_${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`;

/** The visitor (the browser) or the backend (a hidden participant). */
class Participant {
  readonly sid = randomSid('PA');
  readonly tracks = new Map<string, TrackInfo>();
  reliable: RTCDataChannel | undefined;
  connected = false;
  /** One per audio track the visitor publishes: tells speech from silence without decoding. */
  readonly detectors: SpeechDetector[] = [];
  /** Each published track's client id (the browser's MediaStreamTrack id, its msid in offers). */
  readonly cids = new Map<string, string>();
  /** Published tracks that an offer has carried. */
  readonly offered = new Set<string>();
  /** Messages held until the JoinResponse and the first answer have gone out, which must come first. */
  readonly held: SignalResponseMessage[] = [];
  started = false;
  /** Sent `leave`: no longer in the room, but its connection stays open a moment (LEAVE_GRACE_MS). */
  leaving: NodeJS.Timeout | undefined;
  constructor(
    readonly identity: string,
    readonly hidden: boolean,
    public socket: WebSocket,
    readonly peer: Peer,
  ) {}
}

export class EmulatedRoom {
  readonly sid = randomSid('RM');
  readonly createdAt = Date.now();
  readonly agent: EmulatedAgent;
  readonly agentSid = randomSid('PA');
  readonly agentIdentity: string;
  private readonly agentTracks: OutgoingTrack[];
  private visitor: Participant | undefined;
  private backend: Participant | undefined;
  /** Participants who sent `leave`, whose connections close after LEAVE_GRACE_MS (or with the room). */
  private readonly leaving = new Set<Participant>();
  private readonly rpc = new RpcCaller();
  /** Backend tool calls whose answer the `rpc-timeout` fault holds back. */
  private readonly stalled = new Set<string>();
  private dataSequence = 0;
  /**
   * Agent data packets sent while the visitor had no open channel: livekit-client's full reconnect (a
   * new participant, a new peer connection) takes a moment, and the words spoken meanwhile would be
   * missing from its transcript. They keep their sequence numbers, so nothing already seen is repeated.
   */
  private undelivered: Buffer[] = [];
  private deadline: NodeJS.Timeout | undefined;
  private departure: NodeJS.Timeout | undefined;
  private quality: NodeJS.Timeout | undefined;
  private listening: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    readonly session: RoomSession,
    private readonly media: AgentMedia,
    private readonly options: RoomOptions,
    private readonly onClosed: (room: EmulatedRoom, reason: RoomEndReason) => void,
  ) {
    this.agentIdentity = `worker:${session.sessionId}`;
    this.agent = new EmulatedAgent(session.script, media, {
      data: (message) => this.sendData(message),
      speaking: (active) => this.setSpeaking(this.agentSid, active),
      turn: session.turn,
      callBackend: (method, payload, timeoutMs) => this.callBackend(method, payload, timeoutMs),
    });
    this.agentTracks = [
      { kind: 'audio', sid: randomSid('TR_AM'), track: this.agent.audio },
      { kind: 'video', sid: randomSid('TR_VC'), track: this.agent.video },
    ];
    // A room nobody's media ever reaches closes, as LiveKit's empty timeout does. Not the departure timeout:
    // a first connection on a busy machine (or a backend that joined first) may take longer than that.
    this.departure = setTimeout(() => this.close('departed'), Math.max(EMPTY_TIMEOUT_MS, options.departureTimeoutMs));
  }

  /** What tests and the debug API may see of the room, without tokens. */
  describe() {
    return {
      name: this.session.roomName,
      sessionId: this.session.sessionId,
      agent: { identity: this.agentIdentity, speaking: this.agent.speaking },
      visitor: this.visitor && {
        identity: this.visitor.identity,
        connected: this.visitor.connected,
        tracks: [...this.visitor.tracks.values()].map((track) => ({
          sid: track.sid,
          source: TrackSource[track.source].toLowerCase(),
          muted: track.muted,
        })),
      },
      backend: this.backend && { identity: this.backend.identity, connected: this.backend.reliable?.readyState === 'open' },
    };
  }

  /** A participant's socket, after its token was verified for this room: the visitor, or the hidden backend. */
  async join(socket: WebSocket, grant: RoomGrant, request: JoinRequest) {
    if (this.closed) return void socket.close(1011, 'room closed');
    const previous = grant.hidden ? this.backend : this.visitor;
    if (request.reconnect && previous && previous.identity === grant.identity) return this.resume(previous, socket);
    if (previous) this.dropParticipant(previous, DisconnectReason.DUPLICATE_IDENTITY);
    const peer = new Peer(this.options.iceAddress, {
      candidate: (candidateInit) => this.signal(joined, { case: 'trickle', value: { candidateInit, target: 0, final: false } as never }),
      track: (track) => this.onVisitorTrack(joined, track),
      dataChannel: (channel) => this.onDataChannel(joined, channel),
      state: (state) => this.onPeerState(joined, state),
    });
    const joined = new Participant(grant.identity, grant.hidden, socket, peer);
    if (joined.hidden) this.backend = joined;
    else this.visitor = joined;
    this.attach(joined, socket);
    const answer = request.publisherOffer && (await this.prepareAnswer(joined, request.publisherOffer.sdp, request.publisherOffer.id));
    if (!this.isCurrent(joined)) return;
    this.send(joined, {
      case: 'join',
      // The backend sees the agent, who calls it, but none of its media: it subscribes to nothing.
      value: joinResponse({ sid: this.sid, name: this.session.roomName, createdAt: this.createdAt }, joined, this.agentInfo(), {
        withTracks: !joined.hidden,
      }),
    });
    if (answer) {
      await sleep(FIRST_ANSWER_DELAY_MS);
      if (!this.isCurrent(joined)) return;
      this.send(joined, answer);
    }
    // Candidates gathered meanwhile were held back: a client may drop candidates that come before the answer.
    joined.started = true;
    for (const held of joined.held.splice(0)) this.send(joined, held);
  }

  /** Ends the call from the room's side: LiveKit's LeaveRequest tells the browser to disconnect. */
  close(reason: RoomEndReason) {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.deadline);
    clearTimeout(this.departure);
    clearInterval(this.quality);
    clearInterval(this.listening);
    this.agent.stop();
    const disconnect = reason === 'max-duration' ? DisconnectReason.ROOM_CLOSED : DisconnectReason.ROOM_DELETED;
    if (this.visitor) this.dropParticipant(this.visitor, disconnect);
    if (this.backend) this.dropParticipant(this.backend, disconnect);
    for (const participant of [...this.leaving]) this.closeLeaving(participant);
    this.session.ended();
    this.onClosed(this, reason);
  }

  /** Closes the visitor's signal socket only, as a network drop would; media and the call go on. */
  dropSignal() {
    this.visitor?.socket.terminate();
  }

  /** Removes the backend from the call, as when its process or connection is lost; the call goes on. */
  dropBackend() {
    if (!this.backend) return false;
    this.dropParticipant(this.backend, DisconnectReason.SERVER_SHUTDOWN);
    return true;
  }

  private isCurrent(participant: Participant) {
    return (participant.hidden ? this.backend : this.visitor) === participant;
  }

  private attach(participant: Participant, socket: WebSocket) {
    participant.socket = socket;
    socket.on('message', (data, isBinary) => {
      if (!isBinary) return void socket.close(1003, 'binary protobuf only');
      void this.onSignal(participant, data as Buffer).catch((error: unknown) => {
        // A message we cannot act on ends this socket, never the server.
        const reason = error instanceof SignalFormatError ? error.message : 'signal error';
        if (!(error instanceof SignalFormatError))
          console.warn('[emulator-room] signal handling failed:', error instanceof Error ? error.message : error);
        socket.close(1008, reason.slice(0, 100));
      });
    });
    socket.on('close', () => {
      if (!this.isCurrent(participant) || participant.socket !== socket) return;
      // A dropped visitor may come back (livekit-client resumes); one who does not is gone. A backend that
      // loses its signal connection has left: its tool calls fail until it joins again.
      if (participant.hidden) this.dropParticipant(participant, DisconnectReason.CLIENT_INITIATED);
      else this.awaitReturn();
    });
  }

  private awaitReturn() {
    if (this.closed) return;
    clearTimeout(this.departure);
    this.departure = setTimeout(() => this.close('departed'), this.options.departureTimeoutMs);
  }

  private resume(participant: Participant, socket: WebSocket) {
    if (!participant.hidden) clearTimeout(this.departure);
    this.attach(participant, socket);
    this.signal(participant, { case: 'reconnect', value: new ReconnectResponse({ iceServers: [] }) });
  }

  private async onSignal(participant: Participant, data: Buffer) {
    if (!this.isCurrent(participant)) return;
    const message: SignalRequestMessage = decodeSignalRequest(data);
    switch (message.case) {
      case 'offer':
        return this.answer(participant, message.value.sdp, message.value.id);
      case 'trickle':
        // A candidate this side cannot use (mDNS, TCP) is skipped, as a browser skips one.
        return participant.peer.addCandidate(message.value.candidateInit).catch(() => undefined);
      case 'addTrack': {
        const request = message.value;
        const info = publishedTrack(randomSid(request.type === TrackType.AUDIO ? 'TR_A' : 'TR_V'), request);
        participant.tracks.set(info.sid, info);
        participant.cids.set(info.sid, request.cid);
        return this.signal(participant, { case: 'trackPublished', value: new TrackPublishedResponse({ cid: request.cid, track: info }) });
      }
      case 'mute': {
        const track = participant.tracks.get(message.value.sid);
        if (track) track.muted = message.value.muted;
        return;
      }
      case 'leave':
        this.dropParticipant(participant, DisconnectReason.CLIENT_INITIATED, { graceMs: LEAVE_GRACE_MS });
        // livekit-client also leaves before a full reconnect, so a visitor's leave is a departure: the call
        // ends if they are not back within the departure timeout (END_CALL ends it at once).
        if (!participant.hidden) this.awaitReturn();
        return;
      case 'ping':
        return this.signal(participant, { case: 'pong', value: BigInt(Date.now()) });
      case 'pingReq':
        return this.signal(participant, {
          case: 'pongResp',
          value: new Pong({ lastPingTimestamp: message.value.timestamp, timestamp: BigInt(Date.now()) }),
        });
      default:
        // Subscription, layer and settings updates change nothing in a room with one fixed publisher.
        return;
    }
  }

  private async prepareAnswer(participant: Participant, sdp: string, id: number): Promise<SignalResponseMessage> {
    const answer = await participant.peer.answer(sdp, this.agentSid, participant.hidden ? [] : this.agentTracks);
    this.forgetUnpublished(participant, sdp);
    return { case: 'answer', value: new SessionDescription({ type: 'answer', sdp: answer.sdp, id, midToTrackId: answer.midToTrackId }) };
  }

  private async answer(participant: Participant, sdp: string, id: number) {
    this.signal(participant, await this.prepareAnswer(participant, sdp, id));
  }

  /**
   * A track the browser stopped publishing (screen share stopped) leaves the next offer: livekit-client
   * sends no request for it, only the renegotiation. Only tracks an earlier offer carried are judged, since
   * a track published after an offer was made is not in it yet.
   */
  private forgetUnpublished(participant: Participant, sdp: string) {
    const sending = sendingTrackIds(sdp);
    for (const [sid, cid] of participant.cids) {
      if (sending.has(cid)) participant.offered.add(sid);
      else if (participant.offered.has(sid)) {
        participant.tracks.delete(sid);
        participant.cids.delete(sid);
        participant.offered.delete(sid);
      }
    }
  }

  private onPeerState(participant: Participant, state: string) {
    if (!this.isCurrent(participant)) return;
    if (participant.hidden) {
      if (state === 'failed' || state === 'closed') this.dropParticipant(participant, DisconnectReason.STATE_MISMATCH);
      return;
    }
    if (state === 'connected' && !participant.connected) {
      participant.connected = true;
      this.maybeStart(participant);
    }
    // Media gone (tab closed, network lost): the visitor has the departure timeout to come back.
    if (state === 'failed' || state === 'closed') this.awaitReturn();
  }

  private onDataChannel(participant: Participant, channel: RTCDataChannel) {
    if (channel.label === '_reliable') {
      participant.reliable = channel;
      channel.stateChanged.subscribe((state) => {
        if (state === 'open') this.maybeStart(participant);
      });
      if (channel.readyState === 'open') this.maybeStart(participant);
    }
    channel.onMessage.subscribe((data) => {
      if (typeof data === 'string' || !(this.isCurrent(participant) || this.leaving.has(participant))) return;
      this.onData(participant, data);
    });
  }

  /** The call starts once media flows and the reliable channel is open: nothing the agent says is lost. */
  private maybeStart(visitor: Participant) {
    if (visitor.hidden || this.visitor !== visitor || !visitor.connected || visitor.reliable?.readyState !== 'open') return;
    clearTimeout(this.departure);
    // A visitor back after a full reconnect rejoins the call that is already running, and hears what it missed.
    if (this.deadline) {
      for (const packet of this.undelivered.splice(0)) visitor.reliable.send(packet);
      return this.sendQuality();
    }
    this.session.joined();
    this.deadline = setTimeout(() => this.close('max-duration'), this.session.maxDurationSeconds * 1000);
    this.quality = setInterval(() => this.sendQuality(), QUALITY_INTERVAL_MS);
    this.listening = setInterval(() => {
      const current = this.visitor;
      for (const detector of current?.detectors ?? []) this.onSpeech(current!, detector.advance(performance.now()));
    }, LISTEN_INTERVAL_MS);
    this.sendQuality();
    this.agent.start();
  }

  private onData(sender: Participant, bytes: Buffer) {
    let packet: DataPacket;
    try {
      packet = DataPacket.fromBinary(bytes);
    } catch {
      return;
    }
    switch (packet.value.case) {
      case 'user':
        if (!sender.hidden) this.onVisitorMessage(packet.value.value.payload);
        return;
      case 'rpcAck':
      case 'rpcResponse':
        if (packet.destinationIdentities.includes(this.agentIdentity)) return this.onAgentRpcReply(packet);
        return this.forward(sender, packet);
      case 'rpcRequest':
        return this.forward(sender, packet);
      default:
        return;
    }
  }

  private onVisitorMessage(payload: Uint8Array) {
    let message: unknown;
    try {
      message = JSON.parse(Buffer.from(payload).toString('utf8'));
    } catch {
      return;
    }
    if ((message as { type?: unknown } | null)?.type === 'END_CALL') this.close('end-call');
  }

  /** The control API's "make the avatar call this tool": the agent calls it now, through the room. */
  requestTool(name: string, args?: Record<string, unknown>) {
    this.agent.requestTool(name, args);
  }

  /** An RPC between the visitor and the backend, delivered as LiveKit does: stamped with who sent it. */
  private forward(sender: Participant, packet: DataPacket) {
    const target = [this.visitor, this.backend].find((candidate) => candidate && packet.destinationIdentities.includes(candidate.identity));
    if (!target || target === sender || target.reliable?.readyState !== 'open') return;
    packet.participantIdentity = sender.identity;
    packet.participantSid = sender.sid;
    target.reliable.send(Buffer.from(packet.toBinary()));
  }

  private onAgentRpcReply(packet: DataPacket) {
    const { value } = packet;
    // The `rpc-timeout` fault: this call's answer never reaches the agent, so its response timeout fires.
    if (value.case === 'rpcResponse' && this.stalled.delete(value.value.requestId)) return;
    this.rpc.receive(packet);
  }

  /** The agent calls a backend tool: LiveKit RPC to the hidden backend, as Runway's worker does. */
  private callBackend(method: string, payload: string, timeoutMs: number): Promise<RpcOutcome> {
    const backend = this.backend;
    const channel = backend?.reliable;
    if (!backend || channel?.readyState !== 'open') {
      return Promise.resolve({ ok: false, code: RPC_ERROR.RECIPIENT_NOT_FOUND, message: 'Recipient not found' });
    }
    const id = crypto.randomUUID();
    if (this.session.stallsNextRpc()) this.stalled.add(id);
    return this.rpc.call(
      {
        id,
        caller: { sid: this.agentSid, identity: this.agentIdentity },
        destination: backend.identity,
        method,
        payload,
        timeoutMs,
        sequence: ++this.dataSequence,
      },
      (packet) => {
        if (this.backend !== backend || channel.readyState !== 'open') return false;
        channel.send(Buffer.from(packet));
        return true;
      },
    );
  }

  /** The agent hears the visitor: each utterance in their audio is a turn it answers. */
  private onVisitorTrack(visitor: Participant, track: MediaStreamTrack) {
    if (visitor.hidden || track.kind !== 'audio') return;
    const detector = new SpeechDetector();
    visitor.detectors.push(detector);
    track.onReceiveRtp.subscribe((rtp, extensions) => {
      const level = (extensions?.[RTP_EXTENSION_URI.audioLevelIndication] as { level?: number } | undefined)?.level;
      const events = detector.packet({
        arrivalMs: performance.now(),
        rtpTimestamp: rtp.header.timestamp,
        payloadBytes: rtp.payload.length,
        audioLevel: level,
      });
      this.onSpeech(visitor, events);
    });
  }

  private onSpeech(visitor: Participant, events: SpeechEvent[]) {
    if (this.visitor !== visitor || !this.deadline) return;
    for (const event of events) {
      this.setSpeaking(visitor.sid, event.type === 'speech-start');
      if (event.type === 'speech-end') this.agent.visitorSpoke(event.durationMs);
    }
  }

  private setSpeaking(sid: string, active: boolean) {
    if (!this.visitor) return;
    this.signal(this.visitor, {
      case: 'speakersChanged',
      value: new SpeakersChanged({ speakers: [new SpeakerInfo({ sid, active, level: active ? 0.8 : 0 })] }),
    });
  }

  private sendQuality() {
    const visitor = this.visitor;
    if (!visitor) return;
    this.signal(visitor, { case: 'connectionQuality', value: qualityUpdate([visitor.sid, this.agentSid]) });
  }

  private sendData(message: Record<string, unknown>) {
    const packet = agentDataPacket({ sid: this.agentSid, identity: this.agentIdentity }, ++this.dataSequence, message);
    const channel = this.visitor?.reliable;
    if (channel?.readyState === 'open' && this.visitor?.connected) return void channel.send(packet);
    if (this.undelivered.length < MAX_UNDELIVERED) this.undelivered.push(packet);
  }

  private signal(participant: Participant, message: SignalResponseMessage) {
    if (participant.started) this.send(participant, message);
    else participant.held.push(message);
  }

  private send(participant: Participant, message: SignalResponseMessage) {
    if (participant.socket.readyState === participant.socket.OPEN) participant.socket.send(encodeSignalResponse(message));
  }

  private dropParticipant(participant: Participant, reason: DisconnectReason, { graceMs = 0 } = {}) {
    // Forgotten first, so the closing socket and peer read as someone else's, not as a participant to wait for.
    if (this.visitor === participant) this.visitor = undefined;
    if (this.backend === participant) {
      this.backend = undefined;
      this.rpc.failAll(RPC_ERROR.RECIPIENT_DISCONNECTED, 'Recipient disconnected');
    }
    this.send(participant, {
      case: 'leave',
      value: new LeaveRequest({ canReconnect: false, reason, action: LeaveRequest_Action.DISCONNECT }),
    });
    participant.socket.close(1000);
    if (!graceMs) return void participant.peer.close();
    this.leaving.add(participant);
    participant.leaving = setTimeout(() => this.closeLeaving(participant), graceMs);
  }

  private closeLeaving(participant: Participant) {
    clearTimeout(participant.leaving);
    this.leaving.delete(participant);
    void participant.peer.close();
  }

  private agentInfo(): AgentInfo {
    const { width, height } = this.media.loops.idle.header;
    const [audio, video] = this.agentTracks;
    return {
      sid: this.agentSid,
      identity: this.agentIdentity,
      name: this.session.script.avatarName,
      audioSid: audio!.sid,
      videoSid: video!.sid,
      width,
      height,
    };
  }
}
