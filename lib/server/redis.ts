import 'server-only';
import Redis from 'ioredis';
import { processState } from '@/lib/server/process-state';

/**
 * One Redis connection per process and URL (REDIS_URL), for the state that must hold across server
 * instances: the session limits and the backend tool activity a call page reads.
 */
export function sharedRedis(url: string): Redis {
  const connections = processState('redis-connections', () => new Map<string, Redis>());
  let redis = connections.get(url);
  if (!redis) {
    redis = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: true, lazyConnect: false });
    // The URL may hold a password: only the message is logged.
    redis.on('error', (error: Error) => console.error(`[redis] ${error.message}`));
    connections.set(url, redis);
  }
  return redis;
}
