import { version } from '@/package.json';
import { route } from '@/lib/server/http';
import { runwayMode } from '@/lib/server/runway/client';

export const dynamic = 'force-dynamic';

export const GET = route({}, async () => Response.json({ status: 'ok', mode: runwayMode(), version }));
