import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join, relative } from 'node:path';
import { isPublicPath } from '@/lib/auth/access-policy';

/**
 * Ten concurrent 200 MB chunked bodies to each public route that takes a request with a body (POST, PUT,
 * PATCH, DELETE) of the production server (`next start`):
 * each must be answered 413 once its route's cap is passed, without the server reading, let alone buffering,
 * the rest. What proves it is the server's resident memory, sampled from /proc while the bodies stream:
 * reading them whole (as `request.text()` did) would add gigabytes.
 *
 * Each body is sent with node's http module, 64 KB at a time and only as fast as the socket takes it, with
 * no Content-Length (Transfer-Encoding: chunked), so only the streaming cap can refuse it. A client stops
 * sending as soon as its answer arrives, and in any case after 200 MB or 30 s.
 */

const BODY_BYTES = 200 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, ' ');
const AT_ONCE = 10;
const PER_REQUEST_MS = 30_000;
const MAX_GROWTH_BYTES = 32 * 1024 * 1024;
const SESSION = '3f2c1d9e-8a7b-4c6d-9e0f-1a2b3c4d5e6f';

/** Every public route and method that can carry a body, found on disk (a public route added later is covered too). */
function publicRoutesWithBodies() {
  const root = join(process.cwd(), 'app');
  const found: Array<{ method: string; path: string }> = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/^route\.(ts|tsx|js|mjs)$/.test(entry.name)) {
        const path = `/${relative(root, dir).split(/[\\/]/).join('/')}`.replace(/\[[^\]]+\]/g, SESSION);
        const source = readFileSync(full, 'utf8');
        for (const [, method] of source.matchAll(/export\s+(?:const|(?:async\s+)?function)\s+(POST|PUT|PATCH|DELETE)\b/g)) {
          if (isPublicPath(path)) found.push({ method: method!, path });
        }
      }
    }
  };
  walk(join(root, 'api'));
  return found.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}

/** The pid of the process listening on this loopback port: its socket's inode in /proc/net/tcp, then the fd that holds it. */
function listeningPid(port: number): number {
  const portHex = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      // local_address is ADDR:PORT in hex; state 0A is LISTEN; the inode is the tenth field.
      if (fields[1]?.endsWith(`:${portHex}`) && fields[3] === '0A') inodes.add(fields[9]!);
    }
  }
  expect(inodes.size, `a socket listening on port ${port}`).toBeGreaterThan(0);
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // Gone, or not ours to read.
    }
    for (const fd of fds) {
      try {
        const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
        if (inodes.has(/^socket:\[(\d+)\]$/.exec(target)?.[1] ?? '')) return Number(pid);
      } catch {
        // The fd closed while we looked.
      }
    }
  }
  throw new Error(`No process holds the socket listening on port ${port}`);
}

/** VmRSS (resident now) and VmHWM (the most it has ever been), in bytes. */
function memoryOf(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

interface Outcome {
  status: number | 'no answer';
  code?: string;
  sentBytes: number;
  ms: number;
}

/** Streams a chunked JSON body of up to BODY_BYTES to `path`, and stops at the first answer. */
function streamBody(port: number, { method, path }: { method: string; path: string }): Promise<Outcome> {
  const started = Date.now();
  return new Promise((resolve) => {
    let sentBytes = 0;
    let answered = false;
    const request = httpRequest({
      host: '127.0.0.1',
      port,
      path,
      method,
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
    });
    const finish = (outcome: Omit<Outcome, 'sentBytes' | 'ms'>) => {
      if (answered) return;
      answered = true;
      clearTimeout(timer);
      request.destroy();
      resolve({ ...outcome, sentBytes, ms: Date.now() - started });
    };
    const timer = setTimeout(() => finish({ status: 'no answer' }), PER_REQUEST_MS);
    request.on('response', (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (piece: string) => (text += piece));
      response.on('end', () => {
        const code = (() => {
          try {
            return (JSON.parse(text) as { error?: { code?: string } }).error?.code;
          } catch {
            return undefined;
          }
        })();
        finish({ status: response.statusCode ?? 0, code });
      });
    });
    // The server may close its side once it has answered; what matters is the answer it gave.
    request.on('error', () => finish({ status: 'no answer' }));
    const pump = () => {
      while (!answered && sentBytes < BODY_BYTES) {
        sentBytes += CHUNK.length;
        if (!request.write(CHUNK)) return void request.once('drain', pump);
      }
      if (!answered) request.end();
    };
    // `{"a":"` first, so the body starts as JSON and only its size is wrong.
    request.write('{"a":"');
    pump();
  });
}

test('ten concurrent 200 MB chunked bodies to each public route that takes a body: every one a 413, and the server grows by less than 32 MB', async ({
  baseURL,
}) => {
  test.setTimeout(180_000);
  const port = Number(new URL(baseURL!).port);
  const routes = publicRoutesWithBodies();
  const names = routes.map(({ method, path }) => `${method} ${path}`);
  // The public routes today (lib/auth/access-policy.ts): a route that stops being found would go untested.
  expect(names).toEqual(
    expect.arrayContaining([
      'POST /api/auth/login',
      'POST /api/auth/logout',
      'POST /api/avatar/session',
      'POST /api/sessions',
      `DELETE /api/sessions/${SESSION}`,
      `POST /api/sessions/${SESSION}/consume`,
    ]),
  );
  const pid = listeningPid(port);
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

  /** Ten bodies at once to each route in turn, sampling the server's memory throughout. */
  async function round(label: string) {
    const baseline = memoryOf(pid);
    let peakRss = baseline.rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, memoryOf(pid).rss)), 20);
    const outcomes: Array<Outcome & { route: string }> = [];
    try {
      for (const route of routes) {
        const results = await Promise.all(Array.from({ length: AT_ONCE }, () => streamBody(port, route)));
        outcomes.push(...results.map((result) => ({ ...result, route: `${route.method} ${route.path}` })));
      }
    } finally {
      clearInterval(sampler);
    }
    const after = memoryOf(pid);
    peakRss = Math.max(peakRss, after.rss);
    // VmHWM catches a peak between two samples, when it is a new high for the process.
    const peak = after.hwm > baseline.hwm ? Math.max(peakRss, after.hwm) : peakRss;
    const growth = peak - baseline.rss;
    const sent = outcomes.map((outcome) => outcome.sentBytes);
    console.log(
      `oversized bodies, ${label}: ${outcomes.length} chunked 200 MB bodies (${AT_ONCE} at once to each of ${routes.length} routes); ` +
        `statuses ${JSON.stringify(Object.fromEntries(names.map((name) => [name, outcomes.filter((o) => o.route === name).map((o) => o.status)])))}; ` +
        `sent before the answer: ${mb(Math.min(...sent))}–${mb(Math.max(...sent))} MB per body, slowest answer ${Math.max(...outcomes.map((o) => o.ms))} ms; ` +
        `server RSS ${mb(baseline.rss)} MB before, peak ${mb(peak)} MB, growth ${mb(growth)} MB (HWM ${mb(baseline.hwm)} → ${mb(after.hwm)} MB)`,
    );
    for (const outcome of outcomes) {
      expect({ route: outcome.route, status: outcome.status, code: outcome.code }).toEqual({
        route: outcome.route,
        status: 413,
        code: 'payload_too_large',
      });
      // Refused long before the end of the body.
      expect(outcome.sentBytes, outcome.route).toBeLessThan(BODY_BYTES);
    }
    return growth;
  }

  // A first round loads each route's code and lets a freshly started server's heap grow for this much
  // concurrency (28 MB once, when this spec ran alone on a new server); the second round is measured.
  // Buffering the bodies would add gigabytes to either.
  await round('warm-up round');
  const growth = await round('measured round');
  expect(growth).toBeLessThan(MAX_GROWTH_BYTES);
});
