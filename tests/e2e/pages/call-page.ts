import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { EMULATOR_OF_APP } from '../ports';

/** The call page as a visitor sees it: start, watch progress, talk, end, retry. */
export class CallPage {
  constructor(readonly page: Page) {}

  /**
   * Keeps a reference to every RTCPeerConnection the page makes (livekit-client keeps its own private), so a
   * test can read getStats() as chrome://webrtc-internals would. Call before open().
   */
  async watchPeerConnections() {
    await this.page.addInitScript(() => {
      const Native = window.RTCPeerConnection;
      const seen: RTCPeerConnection[] = [];
      (window as unknown as { peerConnections: RTCPeerConnection[] }).peerConnections = seen;
      class Watched extends Native {
        constructor(...args: ConstructorParameters<typeof RTCPeerConnection>) {
          super(...args);
          seen.push(this);
        }
      }
      window.RTCPeerConnection = Watched;
    });
  }

  /**
   * The avatar's audio as received over the page's peer connections (inbound-rtp, kind audio): bytes of
   * payload, and the decoded audio's total energy, which grows only while the audio is not silent.
   */
  inboundAudio() {
    return this.page.evaluate(async () => {
      const connections = (window as unknown as { peerConnections?: RTCPeerConnection[] }).peerConnections ?? [];
      const totals = { bytes: 0, energy: 0 };
      for (const connection of connections) {
        if (connection.connectionState === 'closed') continue;
        (await connection.getStats()).forEach(
          (report: { type: string; kind?: string; bytesReceived?: number; totalAudioEnergy?: number }) => {
            if (report.type !== 'inbound-rtp' || report.kind !== 'audio') return;
            totals.bytes += report.bytesReceived ?? 0;
            totals.energy += report.totalAudioEnergy ?? 0;
          },
        );
      }
      return totals;
    });
  }

  /** The devices behind the tracks the page sends over WebRTC, by kind (needs watchPeerConnections()). */
  sentDeviceIds(kind: 'audio' | 'video') {
    return this.page.evaluate((wanted) => {
      const connections = (window as unknown as { peerConnections?: RTCPeerConnection[] }).peerConnections ?? [];
      return connections
        .filter((connection) => connection.connectionState !== 'closed')
        .flatMap((connection) => connection.getSenders())
        .map((sender) => sender.track)
        .filter(
          (track): track is MediaStreamTrack =>
            track?.kind === wanted && track.readyState === 'live' && !track.label.toLowerCase().includes('screen'),
        )
        .map((track) => track.getSettings().deviceId ?? '');
    }, kind);
  }

  /** Records Content-Security-Policy violations from now on; read them with cspViolations(). */
  async watchCsp() {
    await this.page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
    });
  }

  cspViolations() {
    return this.page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? []);
  }

  async open(avatarId: string) {
    await this.page.goto(`/call/${avatarId}`);
  }

  startButton() {
    return this.page.getByRole('button', { name: 'Start call' });
  }

  async start() {
    await this.startButton().click();
  }

  /** The in-call screen, a region named after the avatar ("Call with Mochi"). */
  stage() {
    return this.page.getByRole('region', { name: /^Call with / });
  }

  status() {
    return this.page.getByTestId('call-status');
  }

  /** Waits until the call is connected: the SDK's session is active and the room's media flows. */
  async expectLive(timeout = 20_000) {
    await expect(this.stage()).toBeVisible({ timeout });
    await expect(this.status()).toHaveText('Live', { timeout });
  }

  /**
   * The avatar's <video>, which the Runway SDK renders once the agent's camera track is subscribed. A video
   * element has no role or name, so it is found inside the SDK's avatar container.
   */
  avatarVideo() {
    return this.stage().locator('[data-avatar-video] video');
  }

  /** Frames the browser decoded so far from the avatar's video track (0 before the element exists). */
  async decodedFrames() {
    const video = this.avatarVideo();
    if ((await video.count()) === 0) return 0;
    return video.evaluate((element: HTMLVideoElement) => element.getVideoPlaybackQuality().totalVideoFrames).catch(() => 0);
  }

  /** Waits until the avatar's video decodes at least `more` frames beyond what it had decoded so far. */
  async expectVideoDecoding(more = 10, timeout = 15_000) {
    const before = await this.decodedFrames();
    await expect
      .poll(() => this.decodedFrames(), { timeout, message: 'the avatar video decodes new frames' })
      .toBeGreaterThanOrEqual(before + more);
  }

  /**
   * Waits until the avatar's audio is heard: more of it arrives over WebRTC and it decodes to sound, not
   * silence (needs watchPeerConnections()). Chromium measured ~0.5 energy per second of the speech fixture.
   */
  async expectAvatarAudible(timeout = 15_000) {
    const before = await this.inboundAudio();
    await expect
      .poll(async () => (await this.inboundAudio()).bytes - before.bytes, { timeout, message: 'the avatar’s audio arrives' })
      .toBeGreaterThan(500);
    // Soft: a silent voice is reported, and the rest of the call is still checked.
    await expect
      .configure({ soft: true })
      .poll(async () => (await this.inboundAudio()).energy - before.energy, { timeout, message: 'the avatar’s audio is not silence' })
      .toBeGreaterThan(0.01);
  }

  /** "<name> is speaking" on the avatar's tile, and "You are speaking" on the visitor's. */
  speakingChip(who: 'avatar' | 'you') {
    return this.stage().getByText(who === 'you' ? 'You are speaking' : / is speaking$/);
  }

  /** Transcript lines as a reader sees them: each starts with who spoke ("Mochi …" or "You …"). */
  avatarLines(avatarName: string) {
    return this.transcriptLines().filter({ hasText: new RegExp(`^${avatarName} `) });
  }

  userLines() {
    return this.transcriptLines().filter({ hasText: /^You / });
  }

  error() {
    return this.page.getByTestId('call-error');
  }

  async openDebug() {
    const details = this.page.locator('details.debug');
    if (!(await details.evaluate((element: HTMLDetailsElement) => element.open))) {
      await this.page.getByText('Debug', { exact: true }).click();
    }
  }

  async timeline() {
    await this.openDebug();
    return this.page.getByRole('list', { name: 'Timeline' });
  }

  async sessionId() {
    await this.openDebug();
    const id = this.page.getByTestId('debug-session-id');
    await expect(id).toHaveText(/^[0-9a-f-]{36}$/);
    return (await id.textContent())!;
  }

  /** Opens the camera and microphone in the pre-join check (it opens by itself once permission was granted). */
  async checkDevices() {
    const check = this.page.getByRole('button', { name: 'Check camera and microphone' });
    const status = this.page.getByLabel('Device check');
    await expect(check.or(status)).toBeVisible();
    // The check may open by itself meanwhile (permission already granted): then there is nothing to click.
    if (await check.isVisible()) await check.click({ timeout: 2000 }).catch(() => undefined);
    await expect(status).toBeVisible();
  }

  transcriptLines() {
    return this.page.getByLabel('Transcript lines').getByRole('listitem');
  }

  /** Presses Tab until the control is focused, as a keyboard-only visitor would. */
  async tabTo(role: 'button' | 'link', name: string) {
    const target = this.page.getByRole(role, { name, exact: true });
    for (let presses = 0; presses < 60; presses += 1) {
      await this.page.keyboard.press('Tab');
      if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) return target;
    }
    throw new Error(`Tab never reached the ${role} “${name}”`);
  }

  /** Makes the emulated avatar call one of its tools now (the emulator's control API), as a model would. */
  async emulateToolCall(name: string, args?: Record<string, unknown>) {
    await new EmulatorState(this.page.request).callTool(await this.sessionId(), name, args);
  }

  backendToolCalls() {
    return this.page.getByRole('region', { name: 'Backend tool calls' }).getByRole('listitem');
  }

  async endCall() {
    await this.page.getByRole('button', { name: 'End call' }).click();
    await expect(this.page.getByRole('heading', { name: 'Call ended' })).toBeVisible();
  }
}

interface EmulatedSession {
  id: string;
  status: string;
  readyAt: string;
  tools: string[];
  transcript: Array<{
    role: 'user' | 'assistant';
    content: string | null;
    toolCalls?: Array<{ name: string; arguments: Record<string, unknown> }>;
    toolResults?: Array<{ name: string; durationMs: number; result?: Record<string, unknown>; error?: string }>;
  }>;
}

/**
 * The emulator behind the project's app, through its control API (loopback only): its view of sessions and
 * rooms is the ground truth for what the app did to Runway, and its faults and drops are how tests make trouble.
 */
export class EmulatorState {
  readonly origin: string;

  constructor(readonly request: APIRequestContext) {
    const app = Number(new URL(test.info().project.use.baseURL!).port);
    this.origin = `http://127.0.0.1:${EMULATOR_OF_APP[app]}`;
  }

  private async state() {
    const response = await this.request.get(`${this.origin}/control/state`);
    expect(response.ok()).toBe(true);
    return (await response.json()) as { sessions: EmulatedSession[]; rooms: EmulatedRoom[] };
  }

  private async post(path: string, data: unknown = {}) {
    const response = await this.request.post(`${this.origin}/control${path}`, { data });
    expect(response.ok(), await response.text()).toBe(true);
  }

  queueFaults(...faults: string[]) {
    return this.post('/faults', { faults });
  }

  async sessions() {
    return (await this.state()).sessions;
  }

  async session(sessionId: string) {
    return (await this.sessions()).find((session) => session.id === sessionId);
  }

  async statusOf(sessionId: string) {
    return (await this.session(sessionId))?.status;
  }

  /** The media room a session's call runs in, as the emulator's room server sees it (undefined once closed). */
  async room(sessionId: string) {
    return (await this.state()).rooms.find((room) => room.sessionId === sessionId);
  }

  /** The visitor's published tracks of one source in that room: [] when none is published. */
  async visitorTracks(sessionId: string, source: TrackSource) {
    return (await this.room(sessionId))?.visitor?.tracks.filter((track) => track.source === source) ?? [];
  }

  /** Makes the avatar call one of its tools now, with these arguments or ones it makes up. */
  callTool(sessionId: string, tool: string, args?: Record<string, unknown>) {
    return this.post(`/sessions/${sessionId}/call-tool`, { tool, ...(args ? { args } : {}) });
  }

  /** Removes the call's backend tool handler from its room, as a lost handler process would. */
  dropBackend(sessionId: string) {
    return this.post(`/sessions/${sessionId}/drop-backend`);
  }

  /** Closes the visitor's signal WebSocket, as a network drop would; media keeps flowing. */
  dropSignal(sessionId: string) {
    return this.post(`/sessions/${sessionId}/drop-signal`);
  }
}

type TrackSource = 'microphone' | 'camera' | 'screen_share';

interface EmulatedRoom {
  name: string;
  sessionId: string;
  agent: { identity: string; speaking: boolean };
  visitor?: { identity: string; connected: boolean; tracks: Array<{ sid: string; source: TrackSource; muted: boolean }> };
  /** The app's backend tool handler, a hidden participant. */
  backend?: { identity: string; connected: boolean };
}
