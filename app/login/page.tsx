import type { Metadata } from 'next';
import { LoginForm } from '@/components/auth/login-form';

export const metadata: Metadata = { title: 'Admin sign-in' };

type Props = { searchParams: Promise<{ next?: string | string[] }> };

export default async function LoginPage({ searchParams }: Props) {
  const { next } = await searchParams;
  // Only same-site paths: never an open redirect.
  const target = typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') ? next : '/';
  return <LoginForm next={target} />;
}
