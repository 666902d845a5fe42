'use client';

import { useRouter } from 'next/navigation';
import { authApi } from '@/lib/auth/auth-api';

export function SignOutButton() {
  const router = useRouter();
  return (
    <button
      type="button"
      className="button button--small"
      onClick={async () => {
        await authApi.logout().catch(() => undefined);
        router.refresh();
      }}
    >
      Sign out
    </button>
  );
}
