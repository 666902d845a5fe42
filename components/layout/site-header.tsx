import Link from 'next/link';
import { SignOutButton } from '@/components/auth/sign-out-button';
import type { RunwayMode } from '@/lib/app-config';
import type { Theme } from '@/lib/theme';
import { ModeBanner } from './mode-banner';
import { ThemeToggle } from './theme-toggle';

export function SiteHeader({ mode, admin, theme }: { mode: RunwayMode; admin: boolean; theme: Theme | null }) {
  return (
    <header className="site-header">
      <div className="site-header__bar">
        <Link href="/" className="brand">
          Runway Characters <span className="brand__tag">Starter</span>
        </Link>
        {admin && (
          <nav className="site-header__nav" aria-label="Admin">
            <Link href="/avatars">Avatars</Link>
            <Link href="/history">History</Link>
            <Link href="/usage">Usage</Link>
          </nav>
        )}
        <div className="site-header__tools">
          {admin && (
            <p className="site-header__admin">
              Signed in as admin <SignOutButton />
            </p>
          )}
          <ThemeToggle initial={theme} />
        </div>
      </div>
      <ModeBanner mode={mode} />
    </header>
  );
}
