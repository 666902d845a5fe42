import { clearAdminCookie } from '@/lib/server/auth/admin';
import { NO_STORE, route } from '@/lib/server/http';

export const POST = route({}, async ({ request }) =>
  Response.json({ ok: true }, { headers: { ...NO_STORE, 'Set-Cookie': clearAdminCookie(request) } }),
);
