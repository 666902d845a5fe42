import { FAULTS } from './config';

/**
 * The emulator's control UI at its root URL: one page on the control API (control.ts), no framework. It
 * shows sessions and their status, rooms and who is in them, and media to preview; it queues faults, and
 * makes an avatar call a tool or drops a call's signal or backend. It refreshes once a second.
 */

export const CONTROL_UI_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Runway emulator</title>
<style>
  :root { color-scheme: light dark; font: 15px/1.5 system-ui, sans-serif; }
  body { margin: 0 auto; max-width: 72rem; padding: 1rem 1.5rem 3rem; }
  h1 { font-size: 1.4rem; margin: 0.5rem 0; }
  h2 { font-size: 1.1rem; margin: 1.75rem 0 0.5rem; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 0.35rem 0.5rem; border-bottom: 1px solid color-mix(in srgb, currentColor 20%, transparent); vertical-align: top; }
  code { font-size: 0.9em; }
  button { font: inherit; margin: 0 0.25rem 0.25rem 0; padding: 0.2rem 0.6rem; cursor: pointer; }
  .muted { opacity: 0.7; }
  form { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; }
</style>
</head>
<body>
<header>
  <h1>Runway emulator</h1>
  <p class="muted">A stand-in for Runway's API and media room. API <code id="api-url">…</code> · room <code id="room-url">…</code></p>
  <p role="status" id="notice" aria-live="polite"></p>
</header>
<main>
  <section aria-labelledby="faults-heading">
    <h2 id="faults-heading">Faults</h2>
    <form id="fault-form">
      <label for="fault">Fault</label>
      <select id="fault" name="fault">${FAULTS.map((fault) => `<option>${fault}</option>`).join('')}</select>
      <button type="submit">Queue fault</button>
    </form>
    <p>Queued: <span id="queued">none</span></p>
  </section>
  <section aria-labelledby="sessions-heading">
    <h2 id="sessions-heading">Sessions</h2>
    <table>
      <thead><tr><th scope="col">Session</th><th scope="col">Status</th><th scope="col">Created</th><th scope="col">Tools</th><th scope="col">Call</th></tr></thead>
      <tbody id="sessions"></tbody>
    </table>
  </section>
  <section aria-labelledby="rooms-heading">
    <h2 id="rooms-heading">Rooms</h2>
    <table>
      <thead><tr><th scope="col">Room</th><th scope="col">Visitor</th><th scope="col">Tracks</th><th scope="col">Backend</th><th scope="col">Avatar</th></tr></thead>
      <tbody id="rooms"></tbody>
    </table>
  </section>
  <section aria-labelledby="media-heading">
    <h2 id="media-heading">Media</h2>
    <ul id="media"></ul>
  </section>
</main>
<script src="/control/ui.js"></script>
</body>
</html>
`;

export const CONTROL_UI_SCRIPT = `'use strict';
const $ = (id) => document.getElementById(id);
const notice = (text) => { $('notice').textContent = text; };

function cell(row, content) {
  const td = document.createElement('td');
  if (typeof content === 'string') td.textContent = content; else if (content) td.append(content);
  row.append(td);
  return td;
}

function button(label, onClick) {
  const element = document.createElement('button');
  element.type = 'button';
  element.textContent = label;
  element.addEventListener('click', onClick);
  return element;
}

async function post(path, body) {
  const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) });
  const answer = await response.json().catch(() => ({}));
  notice(response.ok ? 'Done.' : 'Refused: ' + (answer.error ?? response.status));
  await refresh();
}

// A section is rebuilt only when what it shows changed, so focus and playing media survive the refresh.
const shown = {};
const changed = (section, data) => {
  const key = JSON.stringify(data);
  if (shown[section] === key) return false;
  shown[section] = key;
  return true;
};

function render(state) {
  $('api-url').textContent = state.urls.api;
  $('room-url').textContent = state.urls.room;
  $('queued').textContent = state.faults.length ? state.faults.join(', ') : 'none';
  const open = new Set(state.rooms.map((room) => room.sessionId));
  const sessions = $('sessions');
  if (changed('sessions', [state.sessions.map(({ id, status, tools }) => [id, status, tools]), [...open]])) renderSessions(sessions, state, open);
  if (changed('rooms', state.rooms)) renderRooms(state);
  if (changed('media', state.media.map((item) => item.id))) renderMedia(state);
}

function renderSessions(sessions, state, open) {
  sessions.replaceChildren();
  if (!state.sessions.length) cell(sessions.insertRow(), 'No sessions yet.').colSpan = 5;
  for (const session of [...state.sessions].reverse()) {
    const row = sessions.insertRow();
    cell(row, Object.assign(document.createElement('code'), { textContent: session.id }));
    cell(row, session.status);
    cell(row, new Date(session.createdAt).toLocaleTimeString());
    const tools = cell(row, '');
    const live = open.has(session.id);
    for (const tool of session.tools) {
      tools.append(live ? button('Call ' + tool, () => post('/control/sessions/' + session.id + '/call-tool', { tool })) : tool + ' ');
    }
    const actions = cell(row, live ? '' : '—');
    if (live) {
      actions.append(button('Drop signal', () => post('/control/sessions/' + session.id + '/drop-signal')));
      actions.append(button('Drop backend', () => post('/control/sessions/' + session.id + '/drop-backend')));
    }
  }
}

function renderRooms(state) {
  const rooms = $('rooms');
  rooms.replaceChildren();
  if (!state.rooms.length) cell(rooms.insertRow(), 'No open rooms.').colSpan = 5;
  for (const room of state.rooms) {
    const row = rooms.insertRow();
    cell(row, room.name);
    cell(row, room.visitor ? room.visitor.identity + (room.visitor.connected ? '' : ' (away)') : '—');
    cell(row, room.visitor ? room.visitor.tracks.map((track) => track.source + (track.muted ? ' (muted)' : '')).join(', ') || 'none' : '—');
    cell(row, room.backend ? room.backend.identity + (room.backend.connected ? '' : ' (away)') : '—');
    cell(row, room.agent.speaking ? 'speaking' : 'listening');
  }
}

function renderMedia(state) {
  const media = $('media');
  media.replaceChildren();
  if (!state.media.length) media.append(Object.assign(document.createElement('li'), { textContent: 'No recordings or videos yet.' }));
  for (const item of state.media) {
    const entry = document.createElement('li');
    const player = document.createElement(item.kind === 'video' ? 'video' : 'audio');
    player.controls = true;
    player.preload = 'none';
    player.src = item.url;
    entry.append(item.kind + ' ' + item.id + ' ', player);
    media.append(entry);
  }
}

async function refresh() {
  try {
    const response = await fetch('/control/state', { cache: 'no-store' });
    if (response.ok) render(await response.json());
  } catch {
    notice('The emulator is not answering.');
  }
}

$('fault-form').addEventListener('submit', (event) => {
  event.preventDefault();
  post('/control/faults', { faults: [$('fault').value] });
});
refresh();
setInterval(refresh, 1000);
`;
