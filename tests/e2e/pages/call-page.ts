import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { CANARY } from '../canaries';

/** The call page as a visitor sees it: start, watch progress, talk, end, retry. */
export class CallPage {
  constructor(readonly page: Page) {}

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

  emulatedStage() {
    return this.page.getByRole('region', { name: 'Emulated call' });
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

  async endCall() {
    await this.page.getByRole('button', { name: 'End call' }).click();
    await expect(this.page.getByRole('heading', { name: 'Call ended' })).toBeVisible();
  }
}

interface EmulatedSession {
  id: string;
  status: string;
  tools: string[];
  transcript: Array<{ role: 'user' | 'assistant'; content: string | null; toolCalls?: Array<{ name: string; arguments: Record<string, unknown> }> }>;
}

/** The emulator's own view of its sessions: the ground truth for what the app did to Runway. Admin only. */
export class EmulatorState {
  private signedIn = false;

  constructor(readonly request: APIRequestContext) {}

  private async signIn() {
    if (this.signedIn) return;
    const response = await this.request.post('/api/auth/login', { data: { password: CANARY.adminPassword } });
    expect(response.ok()).toBe(true);
    this.signedIn = true;
  }

  async queueFaults(...faults: string[]) {
    await this.signIn();
    const response = await this.request.post('/api/emulator', { data: { faults } });
    expect(response.ok()).toBe(true);
  }

  async session(sessionId: string) {
    await this.signIn();
    const response = await this.request.get('/api/emulator');
    const { sessions } = (await response.json()) as { sessions: EmulatedSession[] };
    return sessions.find((session) => session.id === sessionId);
  }

  async statusOf(sessionId: string) {
    return (await this.session(sessionId))?.status;
  }
}
