/** "5 minutes", "1 minute", "90 seconds": how long a call may last, in words. */
export function describeDuration(seconds: number) {
  if (seconds % 60 !== 0) return `${seconds} seconds`;
  const minutes = seconds / 60;
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
