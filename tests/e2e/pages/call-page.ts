import { expect, type APIRequestContext, type Page } from '@playwright/test';

/** The call page as a visitor sees it: start, watch progress, talk, end, retry. */
export class CallPage {
  constructor(readonly page: Page) {}

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

  async endCall() {
    await this.page.getByRole('button', { name: 'End call' }).click();
    await expect(this.page.getByRole('heading', { name: 'Call ended' })).toBeVisible();
  }
}

/** The emulator's own view of its sessions: the ground truth for what the app did to Runway. */
export class EmulatorState {
  constructor(readonly request: APIRequestContext) {}

  async queueFaults(...faults: string[]) {
    const response = await this.request.post('/api/emulator', { data: { faults } });
    expect(response.ok()).toBe(true);
  }

  async statusOf(sessionId: string) {
    const response = await this.request.get('/api/emulator');
    const { sessions } = (await response.json()) as { sessions: Array<{ id: string; status: string }> };
    return sessions.find((session) => session.id === sessionId)?.status;
  }
}
