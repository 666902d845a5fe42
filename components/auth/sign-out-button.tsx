'use client';

import { useRouter } from 'next/navigation';
import { api } from '@/lib/api-client';

export function SignOutButton() {
  const router = useRouter();
  return (
    <button
      type="button"
      className="button button--small"
      onClick={async () => {
        await api.logout().catch(() => undefined);
        router.refresh();
      }}
    >
      Sign out
    </button>
  );
}
