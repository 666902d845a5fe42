import { bundleOnlyAccepted } from './sdp';
import {
  MediaStreamTrack,
  RTCPeerConnection,
  RTCRtpCodecParameters,
  // Aliased: these are werift's RTP parameter factories, not React hooks.
  useAudioLevelIndication as audioLevelExtension,
  useNACK as nackFeedback,
  usePLI as pliFeedback,
  useRepairedRtpStreamId as repairedRidExtension,
  useSdesMid as midExtension,
  useSdesRTPStreamId as ridExtension,
  type RTCDataChannel,
  type RTCRtpTransceiver,
} from 'werift';

/**
 * One participant's WebRTC peer connection, on werift. livekit-client 2.23 uses a single peer connection
 * that it offers on: its recvonly sections carry what it subscribes to (the agent's tracks), its sendonly
 * sections what it publishes. This side only ever answers.
 */

/** A track this side sends: its LiveKit track sid goes into the answer's msid and midToTrackId. */
export interface OutgoingTrack {
  kind: 'audio' | 'video';
  sid: string;
  track: MediaStreamTrack;
}

export interface PeerEvents {
  /** A local ICE candidate, as the JSON `candidateInit` LiveKit's trickle carries. */
  candidate: (candidateInit: string) => void;
  track: (track: MediaStreamTrack, transceiver: RTCRtpTransceiver) => void;
  dataChannel: (channel: RTCDataChannel) => void;
  state: (state: RTCPeerConnection['connectionState']) => void;
}

export const OPUS_PAYLOAD_TYPE = 111;
export const VP8_PAYLOAD_TYPE = 96;

export class Peer {
  readonly pc: RTCPeerConnection;
  private readonly assigned = new Map<string, OutgoingTrack>();

  constructor(iceAddress: string, events: PeerEvents) {
    this.pc = new RTCPeerConnection({
      bundlePolicy: 'max-bundle',
      codecs: {
        audio: [new RTCRtpCodecParameters({ mimeType: 'audio/opus', clockRate: 48_000, channels: 2, payloadType: OPUS_PAYLOAD_TYPE })],
        video: [
          new RTCRtpCodecParameters({
            mimeType: 'video/VP8',
            clockRate: 90_000,
            payloadType: VP8_PAYLOAD_TYPE,
            rtcpFeedback: [nackFeedback(), pliFeedback()],
          }),
        ],
      },
      // Chrome refuses its own simulcast camera offer unless mid, rid and repaired-rid are all negotiated.
      headerExtensions: {
        audio: [midExtension(), audioLevelExtension()],
        video: [midExtension(), ridExtension(), repairedRidExtension()],
      },
      // Only the address we mean: loopback by default, a LAN address when a phone should join.
      iceInterfaceAddresses: { udp4: iceAddress },
      iceAdditionalHostAddresses: [iceAddress],
      iceUseIpv6: false,
      // werift defaults to a public STUN server: nothing here may leave this machine.
      iceServers: [],
    });
    this.pc.onIceCandidate.subscribe((candidate) => {
      if (candidate) events.candidate(JSON.stringify(candidate.toJSON()));
    });
    this.pc.onTransceiverAdded.subscribe((transceiver) => {
      transceiver.onTrack.subscribe((track) => events.track(track, transceiver));
    });
    this.pc.onDataChannel.subscribe((channel) => events.dataChannel(channel));
    this.pc.connectionStateChange.subscribe((state) => events.state(state));
  }

  /**
   * Answers an offer. Each recvonly section the browser offers is a slot for one of `outgoing`; the answer
   * says which track rides which mid, both in the msid (`<participantSid>|<trackSid>`) and in midToTrackId.
   */
  async answer(sdp: string, senderSid: string, outgoing: OutgoingTrack[]): Promise<{ sdp: string; midToTrackId: Record<string, string> }> {
    await this.pc.setRemoteDescription({ type: 'offer', sdp });
    const unsent = outgoing.filter((track) => ![...this.assigned.values()].includes(track));
    for (const transceiver of this.pc.getTransceivers()) {
      // werift stores the offer's direction reversed: a recvonly section in the offer reads 'sendonly' here.
      if (!transceiver.mid || this.assigned.has(transceiver.mid) || transceiver.offerDirection !== 'sendonly') continue;
      const next = unsent.find((track) => track.kind === transceiver.kind);
      // Nothing to send in this slot (a backend subscribes to nothing): say so, rather than a silent sender.
      if (!next) {
        transceiver.setDirection('inactive');
        continue;
      }
      unsent.splice(unsent.indexOf(next), 1);
      transceiver.setDirection('sendonly');
      // werift types trackId as readonly, but the msid it writes is read from it: it must be LiveKit's sid.
      (transceiver.sender as { trackId: string }).trackId = next.sid;
      transceiver.sender.streamId = `${senderSid}|${next.sid}`;
      transceiver.sender.registerTrack(next.track);
      this.assigned.set(transceiver.mid, next);
    }
    const answer = await this.pc.createAnswer();
    await this.pc.setLocalDescription(answer);
    const midToTrackId = Object.fromEntries([...this.assigned].map(([mid, track]) => [mid, track.sid]));
    return { sdp: bundleOnlyAccepted(this.pc.localDescription?.sdp ?? answer.sdp), midToTrackId };
  }

  async addCandidate(candidateInit: string) {
    const candidate = JSON.parse(candidateInit) as { candidate?: string; sdpMid?: string; sdpMLineIndex?: number };
    if (typeof candidate.candidate !== 'string' || !candidate.candidate) return;
    // werift nominates a pair only when the remote candidate's `generation` equals its own count of ICE
    // restarts, but Chrome keeps writing "generation 0" after a restart (its ufrag tells generations apart).
    // Without the attribute the check passes, so media moves to the new pair after an ICE restart.
    await this.pc.addIceCandidate({ ...candidate, candidate: candidate.candidate.replace(/ generation \d+/, '') });
  }

  async close() {
    await this.pc.close().catch(() => undefined);
  }
}
