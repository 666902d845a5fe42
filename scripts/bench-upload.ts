/**
 * End-to-end upload time for a reference image: browser-style multipart POST to /api/uploads on a running
 * app → magic-byte check → `uploads.createEphemeral` (POST /v1/uploads, then the multipart POST to the
 * presigned uploadUrl) → the runway:// URI comes back.
 *
 *   npm run build && ADMIN_PASSWORD=… npm start &      # no key: the launcher starts the emulator beside the app
 *   ADMIN_PASSWORD=… npm run bench:upload              # BENCH_URL=http://127.0.0.1:3000 BENCH_MB=5 BENCH_RUNS=10
 *
 * Signs in with ADMIN_PASSWORD (default "admin", the development password `npm run dev` accepts in emulator mode).
 */
const base = process.env.BENCH_URL ?? 'http://127.0.0.1:3000';
const megabytes = Number(process.env.BENCH_MB ?? 5);
const runs = Number(process.env.BENCH_RUNS ?? 10);
const password = process.env.ADMIN_PASSWORD ?? 'admin';

async function signIn() {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ password }),
  });
  if (!response.ok) throw new Error(`Sign-in failed (${response.status}): set ADMIN_PASSWORD to the app's password.`);
  return response.headers.get('set-cookie')!.split(';')[0]!;
}

/** A PNG signature followed by noise: the size of a real photo, and incompressible like one. */
function image(bytes: number) {
  const file = new Uint8Array(bytes);
  crypto.getRandomValues(file.subarray(0, 65_536));
  for (let offset = 65_536; offset < bytes; offset += 65_536) file.copyWithin(offset, 0, Math.min(65_536, bytes - offset));
  file.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return file;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

async function main() {
  const cookie = await signIn();
  const file = new File([image(Math.round(megabytes * 1024 * 1024))], 'face.png', { type: 'image/png' });
  const times: number[] = [];
  for (let run = 0; run <= runs; run += 1) {
    const form = new FormData();
    form.append('purpose', 'avatar-image');
    form.append('file', file);
    const started = performance.now();
    const response = await fetch(`${base}/api/uploads`, { method: 'POST', headers: { cookie, origin: base }, body: form });
    const body = (await response.json()) as { uri?: string; error?: { message: string } };
    const elapsed = performance.now() - started;
    if (!response.ok) throw new Error(`Upload failed (${response.status}): ${body.error?.message}`);
    // The first run warms up the route bundle; it is reported but not counted.
    if (run === 0) console.log(`warm-up: ${elapsed.toFixed(0)} ms → ${body.uri}`);
    else times.push(elapsed);
  }
  times.sort((a, b) => a - b);
  const mbps = (megabytes * 8) / (quantile(times, 0.5) / 1000);
  console.log(
    `${megabytes} MB image, ${runs} uploads to ${base}: p50 ${quantile(times, 0.5).toFixed(0)} ms, p90 ${quantile(times, 0.9).toFixed(0)} ms, max ${times.at(-1)!.toFixed(0)} ms (≈ ${mbps.toFixed(0)} Mbit/s end to end)`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
