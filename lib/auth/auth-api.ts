import { request } from '@/lib/api-request';

/** The admin sign-in form's requests. */
export const authApi = {
  login: (password: string) => request<{ ok: true }>('/api/auth/login', { method: 'POST', body: JSON.stringify({ password }) }),

  logout: () => request<{ ok: true }>('/api/auth/logout', { method: 'POST' }),
};
