/**
 * The track ids an offer sends: the second field of `a=msid:<stream> <track>` in each section the browser
 * sends on (sendonly or sendrecv), which livekit-client sets to the track's `cid`.
 */
export function sendingTrackIds(sdp: string): Set<string> {
  const ids = new Set<string>();
  for (const section of sdp.split(/\r?\n(?=m=)/).slice(1)) {
    if (!/\r?\na=(sendonly|sendrecv)\b/.test(section) || /^m=\S+ 0 /.test(section)) continue;
    for (const match of section.matchAll(/\r?\na=msid:\S+ (\S+)/g)) ids.add(match[1]!);
  }
  return ids;
}

/**
 * werift keeps rejected (port 0) sections in `a=group:BUNDLE`, and Chrome then refuses the answer: bundle only
 * the mids this answer accepted.
 */
export function bundleOnlyAccepted(sdp: string): string {
  const sections = sdp.split(/\r\n(?=m=)/);
  const accepted = sections
    .slice(1)
    .filter((section) => !/^m=\S+ 0 /.test(section))
    .map((section) => /\r\na=mid:(\S+)/.exec(section)?.[1])
    .filter((mid): mid is string => Boolean(mid));
  return sdp.replace(/a=group:BUNDLE[^\r\n]*/, `a=group:BUNDLE ${accepted.join(' ')}`);
}
