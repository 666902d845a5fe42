import type { Metadata } from 'next';
import { LoginForm } from '@/components/auth/login-form';
import { sameSitePath } from '@/lib/auth/same-site-path';

export const metadata: Metadata = { title: 'Admin sign-in' };

type Props = { searchParams: Promise<{ next?: string | string[]; error?: string | string[] }> };

/** What a sign-in that ran without JavaScript (a plain form post) came back with: the route's error code. */
const ERRORS: Record<string, string> = {
  unauthorized: 'That password is not right.',
  rate_limited: 'Too many attempts. Wait a few seconds, then try again.',
  forbidden: 'Admin sign-in is off: set ADMIN_PASSWORD on the server.',
  invalid_request: 'Enter the password.',
};

export default async function LoginPage({ searchParams }: Props) {
  const { next, error } = await searchParams;
  const message = typeof error === 'string' ? (ERRORS[error] ?? 'Could not sign in. Please try again.') : null;
  return <LoginForm next={sameSitePath(next)} initialError={message} />;
}
