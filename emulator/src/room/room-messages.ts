import {
  ConnectionQuality,
  ConnectionQualityInfo,
  ConnectionQualityUpdate,
  DataPacket,
  DataPacket_Kind,
  JoinResponse,
  ParticipantInfo,
  ParticipantInfo_State,
  ParticipantPermission,
  Room as RoomInfo,
  ServerInfo,
  ServerInfo_Edition,
  TrackInfo,
  TrackSource,
  TrackType,
  UserPacket,
  VideoLayer,
  VideoQuality,
} from '@livekit/protocol';

/** The protobuf messages the room sends, built in one place from plain facts about the room. */

export const SERVER_VERSION = '1.9.0';
const PING_INTERVAL_S = 5;
const PING_TIMEOUT_S = 15;

export interface AgentInfo {
  sid: string;
  identity: string;
  name: string;
  audioSid: string;
  videoSid: string;
  width: number;
  height: number;
}

const PERMISSION = new ParticipantPermission({ canPublish: true, canSubscribe: true, canPublishData: true });

/**
 * The first message a joining participant gets: the room, itself, and the agent, with its two tracks unless
 * `withTracks` is false (the hidden backend, which subscribes to nothing).
 */
export function joinResponse(
  room: { sid: string; name: string; createdAt: number },
  participant: { sid: string; identity: string; hidden: boolean },
  agent: AgentInfo,
  { withTracks }: { withTracks: boolean },
) {
  const joinedAt = BigInt(Math.floor(Date.now() / 1000));
  const { width, height } = agent;
  return new JoinResponse({
    room: new RoomInfo({ sid: room.sid, name: room.name, creationTime: BigInt(Math.floor(room.createdAt / 1000)), numParticipants: 2 }),
    participant: new ParticipantInfo({
      sid: participant.sid,
      identity: participant.identity,
      state: ParticipantInfo_State.JOINED,
      joinedAt,
      permission: new ParticipantPermission({ canPublish: true, canSubscribe: true, canPublishData: true, hidden: participant.hidden }),
    }),
    otherParticipants: [
      new ParticipantInfo({
        sid: agent.sid,
        identity: agent.identity,
        name: agent.name,
        state: ParticipantInfo_State.ACTIVE,
        joinedAt,
        isPublisher: true,
        permission: PERMISSION,
        // Only these sources fire the Runway SDK's avatar audio- and video-ready events.
        tracks: withTracks
          ? [
              new TrackInfo({
                sid: agent.audioSid,
                type: TrackType.AUDIO,
                source: TrackSource.MICROPHONE,
                name: 'voice',
                mimeType: 'audio/opus',
              }),
              new TrackInfo({
                sid: agent.videoSid,
                type: TrackType.VIDEO,
                source: TrackSource.CAMERA,
                name: 'face',
                mimeType: 'video/VP8',
                width,
                height,
                layers: [new VideoLayer({ quality: VideoQuality.HIGH, width, height })],
              }),
            ]
          : [],
      }),
    ],
    serverVersion: SERVER_VERSION,
    serverInfo: new ServerInfo({ edition: ServerInfo_Edition.Standard, version: SERVER_VERSION, protocol: 16, nodeId: 'emulator' }),
    // One peer connection (livekit-client's v1 path): the browser offers, the room answers.
    subscriberPrimary: false,
    pingInterval: PING_INTERVAL_S,
    pingTimeout: PING_TIMEOUT_S,
  });
}

/** A reliable user packet from the agent: Runway's JSON messages (transcripts, client events). */
export function agentDataPacket(agent: { sid: string; identity: string }, sequence: number, message: Record<string, unknown>) {
  const packet = new DataPacket({
    kind: DataPacket_Kind.RELIABLE,
    participantIdentity: agent.identity,
    participantSid: agent.sid,
    // The client drops a reliable packet whose sequence it has seen from this sender.
    sequence,
    value: {
      case: 'user',
      value: new UserPacket({
        participantSid: agent.sid,
        participantIdentity: agent.identity,
        payload: Buffer.from(JSON.stringify(message)),
      }),
    },
  });
  return Buffer.from(packet.toBinary());
}

/** Without these updates, LiveKit's quality hooks stay at "unknown". */
export function qualityUpdate(participantSids: string[]) {
  return new ConnectionQualityUpdate({
    updates: participantSids.map(
      (participantSid) => new ConnectionQualityInfo({ participantSid, quality: ConnectionQuality.EXCELLENT, score: 4.5 }),
    ),
  });
}

/** A track the visitor asked to publish (addTrack), as the room reports it back. */
export function publishedTrack(
  sid: string,
  request: { type: TrackType; source: TrackSource; name: string; muted: boolean; width: number; height: number; stream: string },
) {
  const { type, source, name, muted, width, height, stream } = request;
  return new TrackInfo({
    sid,
    type,
    source,
    name,
    muted,
    width,
    height,
    stream,
    mimeType: type === TrackType.AUDIO ? 'audio/opus' : 'video/VP8',
  });
}
