import type { Metadata } from 'next';
import { LoginForm } from '@/components/auth/login-form';

export const metadata: Metadata = { title: 'Admin sign-in' };

type Props = { searchParams: Promise<{ next?: string | string[] }> };

/** Where to go after sign-in: a path on this site only (`/\\evil.com` and the like resolve elsewhere), never an open redirect. */
function sameSitePath(next: string | string[] | undefined) {
  if (typeof next !== 'string') return '/';
  const base = 'http://same.site';
  const url = new URL(next, base);
  return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : '/';
}

export default async function LoginPage({ searchParams }: Props) {
  const { next } = await searchParams;
  return <LoginForm next={sameSitePath(next)} />;
}
