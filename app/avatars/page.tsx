import type { Metadata } from 'next';
import Link from 'next/link';
import { AvatarManager } from '@/components/avatars/avatar-manager';
import { AppError } from '@/lib/errors';
import { listManagedAvatars } from '@/lib/server/runway/managed-avatars';
import { requireAdminPage } from '@/lib/server/auth/admin';

export const metadata: Metadata = { title: 'Characters' };

export default async function AvatarsPage() {
  await requireAdminPage('/avatars');
  let page;
  try {
    page = await listManagedAvatars({ limit: 24 });
  } catch (error) {
    const message = error instanceof AppError ? error.message : 'Something went wrong.';
    return (
      <p className="notice notice--error" role="alert">
        Your characters could not be loaded: {message}
      </p>
    );
  }
  return (
    <>
      <div className="manage__header">
        <h1>Characters</h1>
        <Link className="button button--primary" href="/avatars/new">
          New character
        </Link>
      </div>
      <AvatarManager initial={page} />
    </>
  );
}
