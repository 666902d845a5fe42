/** What app/embed.js/route.ts hands the launcher: the shared names and the deployer's allowlist. */
export interface LauncherConfig {
  /** EMBED_MESSAGE_SOURCE (lib/embed/protocol.ts): every message the launcher sends or reads carries it. */
  source: string;
  /** EMBED_ALLOWED_ORIGINS: the launcher stays off elsewhere (the frame would refuse to load there). */
  allowedOrigins: string[];
}

/**
 * embed.js, the script tag another site pastes (docs/embed.md): a launcher button that opens the call
 * (/embed/[avatarId]) in a panel. launcherScript() serves this function's source with toString(), so it
 * runs on other sites and must use nothing outside itself: no imports at run time, no dependency.
 *
 * Styles live in a shadow root behind `:host { all: initial }`, so the host page's CSS neither reaches in
 * nor is touched. The iframe is created on the first open, so a page that never opens it pays for a button.
 * Focus goes into the panel on open and back to the button on close; Escape closes, from the panel or,
 * through the frame's `dismiss` event, from inside the call.
 */
export function launcher(script: HTMLOrSVGScriptElement | null, config: LauncherConfig) {
  if (!(script instanceof HTMLScriptElement)) return;
  const data = script.dataset;
  const page = location.origin;
  if (!data.avatar) return console.warn('embed.js: add data-avatar="<avatar id>" to the script tag');
  if (!config.allowedOrigins.includes(page)) return console.warn(`embed.js: ${page} is not in the app's EMBED_ALLOWED_ORIGINS`);
  const app = new URL(script.src).origin;
  const path = `/embed/${encodeURIComponent(data.avatar)}`;
  const label = data.label || 'Start a video call';
  const color = (value: string | undefined, fallback: string) => (value && CSS.supports('color', value) ? value : fallback);
  const side = data.position === 'bottom-left' ? 'left' : 'right';
  const theme = data.theme === 'light' || data.theme === 'dark' ? data.theme : '';

  const host = document.createElement('runway-characters-launcher');
  // Custom properties pass into the shadow root (`all` does not reset them); values are checked as colours.
  host.style.setProperty('--a', color(data.accent, '#3d5bd9'));
  host.style.setProperty('--t', color(data.accentText, '#fff'));
  const root = host.attachShadow({ mode: 'open' });
  const fixed = `position:fixed;${side}:20px;z-index:2147483000;`;
  root.innerHTML =
    `<style>:host{all:initial}` +
    `.l{${fixed}bottom:20px;padding:12px 20px;border:0;border-radius:999px;background:var(--a);color:var(--t);font:600 15px/1.2 system-ui,sans-serif;cursor:pointer;box-shadow:0 4px 16px #0004}` +
    `button:focus-visible{outline:3px solid var(--a);outline-offset:3px}` +
    `.p{${fixed}bottom:80px;display:flex;flex-direction:column;width:min(400px,calc(100vw - 40px));height:min(680px,calc(100vh - 100px));border-radius:16px;overflow:hidden;background:#fff;box-shadow:0 12px 40px #0006}` +
    `.p[hidden]{display:none}` +
    `.h{display:flex;align-items:center;justify-content:space-between;padding:4px 4px 4px 16px;background:var(--a);color:var(--t);font:600 14px system-ui,sans-serif}` +
    `.x{width:40px;height:40px;border:0;border-radius:8px;background:none;color:inherit;font:20px system-ui,sans-serif;cursor:pointer}` +
    `.x:focus-visible{outline-color:var(--t);outline-offset:-4px}` +
    `iframe{flex:1;width:100%;border:0;background:#fff}</style>` +
    `<button class="l" type="button" aria-expanded="false" aria-controls="p"></button>` +
    `<div class="p" id="p" role="dialog" hidden><div class="h"><span></span><button class="x" type="button" aria-label="Close">×</button></div></div>`;
  const button = root.querySelector('.l') as HTMLButtonElement;
  const panel = root.querySelector('.p') as HTMLDivElement;
  button.textContent = label;
  panel.setAttribute('aria-label', label);
  (panel.querySelector('span') as HTMLSpanElement).textContent = label;
  let frame: HTMLIFrameElement | undefined;

  // To the frame's origin only; a frame still loading (about:blank) drops it, which is what should happen.
  const post = (type: string) => frame?.contentWindow?.postMessage({ source: config.source, type }, app);

  function open() {
    if (!frame) {
      frame = document.createElement('iframe');
      frame.title = label;
      frame.allow = 'camera; microphone; autoplay; display-capture';
      // The frame checks this origin against the allowlist before it posts anything to it.
      frame.src = `${app}${path}?${new URLSearchParams(theme ? { origin: page, theme } : { origin: page })}`;
      panel.append(frame);
    }
    panel.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    frame.focus();
  }

  function close() {
    if (panel.hidden) return;
    // Closing hangs up: a call must not go on where the visitor cannot see it.
    post('close');
    panel.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    button.focus();
  }

  button.addEventListener('click', () => (panel.hidden ? open() : close()));
  (root.querySelector('.x') as HTMLButtonElement).addEventListener('click', close);
  root.addEventListener('keydown', (event) => {
    if ((event as KeyboardEvent).key === 'Escape') close();
  });
  window.addEventListener('message', (event) => {
    const message = event.data as { source?: unknown; type?: unknown } | null;
    if (!message || message.source !== config.source) return;
    if (frame && event.source === frame.contentWindow) {
      if (event.origin === app && message.type === 'dismiss') close();
    } else if (config.allowedOrigins.includes(event.origin)) {
      if (message.type === 'open') open();
      else if (message.type === 'close') close();
      else if (message.type === 'end') post('end');
    }
  });

  const mount = () => document.body.append(host);
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
}

/**
 * embed.js's text: the launcher, called with its own script tag and the config. One stable URL serves it
 * (app/embed.js/route.ts), so a fix reaches every host site within minutes: browsers and CDNs keep it
 * 5 minutes, then revalidate with the ETag (a 304 when nothing changed), serving the old copy meanwhile.
 */
export function launcherScript(config: LauncherConfig) {
  return `(${launcher.toString()})(document.currentScript,${JSON.stringify(config)});\n`;
}

export const LAUNCHER_CACHE_CONTROL = 'public, max-age=300, stale-while-revalidate=86400';
