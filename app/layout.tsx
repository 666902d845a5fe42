import type { Metadata, Viewport } from 'next';
import { SiteHeader } from '@/components/layout/site-header';
import { viewer } from '@/lib/server/auth/admin';
import { runwayMode } from '@/lib/server/runway/client';
import { appConfig } from '@/lib/app-config';
import './globals.css';

// Mode and avatars come from the server's env and Runway at request time, never from the build.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: { default: `${appConfig.brandName} Starter`, template: `%s · ${appConfig.brandName} Starter` },
  description: 'Real-time conversational video avatars with Runway Characters, in Next.js.',
};

export const viewport: Viewport = { themeColor: '#0b0d12', width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <SiteHeader mode={runwayMode()} admin={(await viewer()).admin} />
        <main className="main">{children}</main>
      </body>
    </html>
  );
}
