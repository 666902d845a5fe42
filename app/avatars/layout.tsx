import { redirect } from 'next/navigation';
import { ManagementTabs } from '@/components/avatars/management-tabs';
import { viewer } from '@/lib/server/auth/admin';

/** Avatar management is the admin's: proxy.ts bounces anonymous visitors, and this checks the cookie's signature. */
export default async function AvatarsLayout({ children }: { children: React.ReactNode }) {
  if (!(await viewer()).admin) redirect('/login?next=%2Favatars');
  return (
    <div className="manage">
      <ManagementTabs />
      {children}
    </div>
  );
}
