import Link from 'next/link';
import type { RunwayMode } from '@/lib/types';
import { ModeBanner } from './mode-banner';

export function SiteHeader({ mode }: { mode: RunwayMode }) {
  return (
    <header className="site-header">
      <div className="site-header__bar">
        <Link href="/" className="brand">
          Runway Characters <span className="brand__tag">Starter</span>
        </Link>
      </div>
      <ModeBanner mode={mode} />
    </header>
  );
}
