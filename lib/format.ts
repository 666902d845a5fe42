/**
 * Formatting shared by the call page, history, usage and videos. Times are shown in UTC, the zone Runway's usage days use, and
 * formatted the same on server and browser so hydration never disagrees.
 */

/** "2026-11-24 19:14 UTC" (with seconds: "19:14:05 UTC"). */
export function formatUtc(iso: string, withSeconds = false) {
  const text = new Date(iso).toISOString();
  return `${text.slice(0, 10)} ${text.slice(11, withSeconds ? 19 : 16)} UTC`;
}

/** "19:14:05": a transcript turn's time of day. */
export const formatClock = (iso: string) => new Date(iso).toISOString().slice(11, 19);

/** "1 min 5 s", "42 s", "—" for no duration. */
export function formatDuration(seconds: number | null) {
  if (seconds === null) return '—';
  const whole = Math.round(seconds);
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  if (!minutes) return `${rest} s`;
  return rest ? `${minutes} min ${rest} s` : `${minutes} min`;
}

export const formatMinutes = (seconds: number) => `${(seconds / 60).toFixed(seconds % 60 === 0 ? 0 : 1)} min`;

export const formatUsd = (amount: number) => `$${amount.toFixed(2)}`;

/** "5 minutes", "1 minute", "90 seconds": how long a call may last, in words. */
export function describeDuration(seconds: number) {
  if (seconds % 60 !== 0) return `${seconds} seconds`;
  const minutes = seconds / 60;
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
