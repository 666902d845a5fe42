import { errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';

/**
 * LiveKit-style access tokens for the emulated room: an HS256 JWT whose `sub` is the participant identity and
 * whose `video` grant names the one room it may join. Consume signs one per session; the room accepts nothing
 * else, exactly as a LiveKit server accepts only tokens signed with its API secret.
 */

export const ROOM_TOKEN_ISSUER = 'runway-emulator';

const grantsSchema = z.object({
  sub: z.string().min(1).max(200),
  name: z.string().max(200).optional(),
  video: z.object({
    room: z.string().min(1).max(200),
    roomJoin: z.literal(true),
    canPublish: z.boolean().optional(),
    canSubscribe: z.boolean().optional(),
    canPublishData: z.boolean().optional(),
    hidden: z.boolean().optional(),
  }),
});

export interface RoomGrant {
  identity: string;
  room: string;
  /** A participant the other participants never see (a backend helper, as LiveKit's hidden grant). */
  hidden: boolean;
}

export class RoomTokenError extends Error {}

export async function signRoomToken(secret: Uint8Array, grant: RoomGrant, ttlSeconds: number): Promise<string> {
  return new SignJWT({
    video: { room: grant.room, roomJoin: true, canPublish: true, canSubscribe: true, canPublishData: true, hidden: grant.hidden },
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(ROOM_TOKEN_ISSUER)
    .setSubject(grant.identity)
    .setIssuedAt()
    .setNotBefore('0s')
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(secret);
}

/** The grant a token carries, or a RoomTokenError: forged, expired, or not a room-join token. */
export async function verifyRoomToken(secret: Uint8Array, token: string): Promise<RoomGrant> {
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, secret, { algorithms: ['HS256'], issuer: ROOM_TOKEN_ISSUER }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw new RoomTokenError('The access token has expired.');
    throw new RoomTokenError('The access token is not valid.');
  }
  const claims = grantsSchema.safeParse(payload);
  if (!claims.success) throw new RoomTokenError('The access token grants no room.');
  return { identity: claims.data.sub, room: claims.data.video.room, hidden: claims.data.video.hidden ?? false };
}
