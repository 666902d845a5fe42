import { NO_STORE, route } from '@/lib/server/http';
import { receiveUpload } from '@/lib/server/avatars/uploads';

/** Admin: multipart `purpose` (avatar-image | voice-sample) + `file` → `{ uri: 'runway://…' }`, checked by content. */

export const POST = route({ rawBody: true }, async ({ request }) =>
  Response.json(await receiveUpload(request), { status: 201, headers: NO_STORE }),
);
