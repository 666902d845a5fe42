'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { authApi } from '@/lib/auth/auth-api';
import { AppError } from '@/lib/errors';

/**
 * Signs in with fetch once hydrated. Before that (or with JavaScript off) it is a plain form post to the
 * same route, which sets the cookie and redirects: the password travels in the body, never in a URL.
 */
export function LoginForm({ next, initialError }: { next: string; initialError: string | null }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(initialError);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget).get('password') ?? '');
    setPending(true);
    setError(null);
    try {
      await authApi.login(password);
      router.replace(next);
      router.refresh();
    } catch (caught) {
      setError(caught instanceof AppError ? caught.message : 'Could not sign in. Please try again.');
      setPending(false);
    }
  }

  return (
    <form className="stage form" method="post" action={`/api/auth/login?${new URLSearchParams({ next })}`} onSubmit={submit} noValidate>
      <h1>Admin sign-in</h1>
      <label className="field">
        <span>Password</span>
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'login-error' : undefined}
        />
      </label>
      {error && (
        <p id="login-error" className="field__error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button button--primary" disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
