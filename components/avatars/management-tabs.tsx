'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const TABS = [
  { href: '/avatars', label: 'Characters' },
  { href: '/avatars/documents', label: 'Knowledge documents' },
  { href: '/avatars/voices', label: 'Custom voices' },
];

export function ManagementTabs() {
  const pathname = usePathname();
  const current = TABS.findLast((tab) => pathname === tab.href || pathname.startsWith(`${tab.href}/`));
  return (
    <nav className="tabs" aria-label="Avatar management">
      {TABS.map((tab) => (
        <Link key={tab.href} href={tab.href} className="tabs__tab" aria-current={tab === current ? 'page' : undefined}>
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
