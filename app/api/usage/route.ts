import { usageRangeSchema } from '@/lib/usage/usage-schema';
import { NO_STORE, route } from '@/lib/server/http';
import { getUsage } from '@/lib/server/runway/usage';

/** Admin: session minutes, sessions and estimated cost per UTC day, `from`–`to` inclusive (at most 90 days). */
export const GET = route({ query: usageRangeSchema }, async ({ query }) => Response.json(await getUsage(query), { headers: NO_STORE }));
