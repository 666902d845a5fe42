import { ManagementTabs } from '@/components/avatars/management-tabs';

/**
 * Avatar management's frame. It checks nothing: Next renders a page beside its layout, so each page checks
 * the admin itself (requireAdminPage), and the data functions check again where they read.
 */
export default function AvatarsLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="manage">
      <ManagementTabs />
      {children}
    </div>
  );
}
