import type { Metadata, Viewport } from 'next';
import { cookies, headers } from 'next/headers';
import { SetupPage } from '@/components/layout/setup-page';
import { SiteHeader } from '@/components/layout/site-header';
import { EMBED_REQUEST_HEADER } from '@/lib/embed/origins';
import { viewer } from '@/lib/server/auth/admin';
import { runwayMode } from '@/lib/server/runway/client';
import { appConfig } from '@/lib/app-config';
import { parseTheme, THEME_COOKIE, themeCss } from '@/lib/theme';
import './globals.css';

// Mode and avatars come from the server's env and Runway at request time, never from the build.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: { default: `${appConfig.brandName} Starter`, template: `%s · ${appConfig.brandName} Starter` },
  description: 'Real-time conversational video avatars with Runway Characters, in Next.js.',
};

export const viewport: Viewport = {
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: appConfig.palettes.light.bg },
    { media: '(prefers-color-scheme: dark)', color: appConfig.palettes.dark.bg },
  ],
  width: 'device-width',
  initialScale: 1,
};

const THEME_CSS = themeCss();

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The embedded call (proxy.ts marks it) is a bare page in another site's iframe: no site header, no
  // admin, and its theme comes from the embedding page (app/embed/[avatarId]/page.tsx), not this cookie.
  if ((await headers()).get(EMBED_REQUEST_HEADER)) {
    return (
      <html lang="en">
        <head>
          <style>{THEME_CSS}</style>
        </head>
        <body>{children}</body>
      </html>
    );
  }
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  const mode = runwayMode();
  return (
    <html lang="en" data-theme={theme ?? undefined}>
      <head>
        <style>{THEME_CSS}</style>
      </head>
      <body>
        <SiteHeader mode={mode} admin={(await viewer()).admin} theme={theme} />
        {/* Nothing to talk to (no key, no emulator): every page is the setup page, so none half-works. */}
        <main className="main">{mode === 'setup' ? <SetupPage /> : children}</main>
      </body>
    </html>
  );
}
