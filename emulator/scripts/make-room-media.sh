#!/usr/bin/env bash
# Makes the emulated room's media, reproducibly, from Debian's ffmpeg (with librsvg and libvpx) and flite:
#   emulator/src/room/assets/avatar-idle.ivf     4 s VP8 loop: the face at rest, one blink
#   emulator/src/room/assets/avatar-talking.ivf  2 s VP8 loop: the mouth opening and closing
#   emulator/tests/fixtures/visitor-speech.wav   a spoken line, then silence (the speech detector's tests,
#                                                 and the end-to-end tests' fake microphone)
# Both loops are 640×360 at 24 fps with a keyframe every second, the first frame included, so the sender can
# switch between them at any keyframe. The face is drawn here as SVG (after public/avatars/ada.svg) and
# rasterised by ffmpeg, one file per frame. Run from anywhere: bash emulator/scripts/make-room-media.sh
set -euo pipefail

# The repository's root: the emulator's folder is one level down.
root="$(cd "$(dirname "$0")/../.." && pwd)"
assets="$root/emulator/src/room/assets"
speech="$root/emulator/tests/fixtures/visitor-speech.wav"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$assets" "$(dirname "$speech")"

fps=24
width=640
height=360

# One frame of the face. $1: mouth openness 0–1 (0 is the closed smile), $2: eye openness 0–1.
face() {
  local mouth=$1 eyes=$2 lips
  lips=$(awk -v o="$mouth" 'BEGIN {
    if (o < 0.08) { print "<path d=\"M508 362q36 26 72 0\" stroke=\"#a2574a\" stroke-width=\"8\" fill=\"none\" stroke-linecap=\"round\"/>"; exit }
    w = 30 + 8 * o; d = 10 + 42 * o
    printf "<path d=\"M%.1f 360q%.1f %.1f %.1f 0q%.1f %.1f %.1f 0z\" fill=\"#6b2430\" stroke=\"#a2574a\" stroke-width=\"6\" stroke-linejoin=\"round\"/>", 544 - w, w, 6, 2 * w, -w, d * 2, -2 * w
    printf "<ellipse cx=\"544\" cy=\"%.1f\" rx=\"%.1f\" ry=\"%.1f\" fill=\"#d9767f\"/>", 360 + d * 0.75, w * 0.55, d * 0.22
  }')
  local eye_ry
  eye_ry=$(awk -v e="$eyes" 'BEGIN { printf "%.1f", 1 + 11 * e }')
  cat <<SVG
<svg xmlns="http://www.w3.org/2000/svg" viewBox="184 90 720 405" width="$width" height="$height">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="#2b3a67"/>
      <stop offset="1" stop-color="#0f1424"/>
    </linearGradient>
  </defs>
  <rect x="184" y="90" width="720" height="405" fill="url(#bg)"/>
  <path d="M330 704c0-150 96-232 214-232s214 82 214 232z" fill="#7c9cff"/>
  <rect x="506" y="420" width="76" height="80" rx="30" fill="#e8b894"/>
  <path d="M400 300c0-110 64-176 144-176s144 66 144 176c0 40-8 110-20 150H420c-12-40-20-110-20-150z" fill="#2d1b12"/>
  <ellipse cx="544" cy="300" rx="110" ry="132" fill="#f1c7a3"/>
  <path d="M434 270c20-90 80-120 110-120s96 26 112 120c-40-40-96-60-150-52-30 4-52 22-72 52z" fill="#2d1b12"/>
  <ellipse cx="470" cy="345" rx="18" ry="10" fill="#f0a39a" opacity="0.5"/>
  <ellipse cx="618" cy="345" rx="18" ry="10" fill="#f0a39a" opacity="0.5"/>
  <ellipse cx="502" cy="300" rx="11" ry="$eye_ry" fill="#1d1d2b"/>
  <ellipse cx="586" cy="300" rx="11" ry="$eye_ry" fill="#1d1d2b"/>
  $lips
</svg>
SVG
}

# VP8 in IVF: a keyframe at least every second, no hidden alt-ref frames (each IVF frame is one shown
# picture, so one RTP frame), one thread and bit-exact output so a re-run gives the same bytes.
encode() {
  local frames=$1 output=$2
  ffmpeg -hide_banner -loglevel error -y -framerate "$fps" -c:v librsvg -i "$frames/%03d.svg" \
    -threads 1 -fflags +bitexact -pix_fmt yuv420p -c:v libvpx -deadline good -cpu-used 0 \
    -b:v 160k -minrate 0 -maxrate 400k -g "$fps" -keyint_min "$fps" -auto-alt-ref 0 -lag-in-frames 0 \
    -f ivf "$output"
}

# Idle: 4 s, mouth closed, a blink (five frames) just past the middle.
mkdir "$work/idle"
for i in $(seq 0 $((4 * fps - 1))); do
  case $((i - 56)) in 0|4) eyes=0.5 ;; 1|3) eyes=0.15 ;; 2) eyes=0 ;; *) eyes=1 ;; esac
  face 0 "$eyes" >"$work/idle/$(printf %03d "$i").svg"
done
encode "$work/idle" "$assets/avatar-idle.ivf"

# Talking: 2 s of syllables of uneven length and height, closed at both ends so the loop joins up.
mkdir "$work/talking"
for i in $(seq 0 $((2 * fps - 1))); do
  mouth=$(awk -v i="$i" -v n=$((2 * fps)) 'BEGIN {
    pi = 3.14159265; t = i / n
    o = 1.6 * sin(pi * t * 7) ^ 2 * (0.55 + 0.45 * sin(pi * t * 3 + 0.6)) * sin(pi * t)
    if (o < 0) o = -o
    if (o > 1) o = 1
    printf "%.3f", o
  }')
  face "$mouth" 1 >"$work/talking/$(printf %03d "$i").svg"
done
encode "$work/talking" "$assets/avatar-talking.ivf"

# The visitor's line for Chromium's fake microphone, spoken by flite through the emulator's speech engine.
(cd "$root" && npx --no-install tsx scripts/make-visitor-speech.ts "$speech")

ls -l "$assets"/*.ivf "$speech"
