/** Builds the Request and context a Next.js route handler receives. */
export function jsonRequest(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const { method = init.body === undefined ? 'GET' : 'POST', body, headers = {} } = init;
  return new Request(`http://localhost${path}`, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export function routeContext<T extends Record<string, string>>(params: T) {
  return { params: Promise.resolve(params) };
}
