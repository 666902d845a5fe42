import { readFile } from 'node:fs/promises';
import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { CANARY } from '../canaries';

/** The admin's after-the-call pages: history, a conversation, usage, and "Make a video". */

/** Signs this browser context in as the admin (the cookie is shared by page and page.request). */
export async function signInAsAdmin(page: Page) {
  const response = await page.request.post('/api/auth/login', { data: { password: CANARY.adminPassword } });
  expect(response.ok()).toBe(true);
}

export async function downloadText(download: Download) {
  return readFile((await download.path())!, 'utf8');
}

/** Plays a media element muted (autoplay rules allow that without a gesture) and waits until time advances. */
export async function playsMedia(media: Locator) {
  await expect(media)
    .toHaveJSProperty('readyState', 4, { timeout: 15_000 })
    .catch(() => undefined);
  await media.evaluate((element: HTMLMediaElement) => {
    element.muted = true;
    return element.play();
  });
  await expect.poll(() => media.evaluate((element: HTMLMediaElement) => element.currentTime), { timeout: 10_000 }).toBeGreaterThan(0.2);
  return media.evaluate((element: HTMLMediaElement) => ({ duration: element.duration, error: element.error?.code ?? null }));
}

export class HistoryPage {
  constructor(readonly page: Page) {}

  async open(query = '') {
    await this.page.goto(`/history${query}`);
    await expect(this.page.getByRole('heading', { name: 'Conversation history', level: 1 })).toBeVisible();
  }

  async filter({ avatar, status }: { avatar?: string; status?: string }) {
    if (avatar) await this.page.getByLabel('Avatar').selectOption({ label: avatar });
    if (status) await this.page.getByLabel('Status').selectOption({ label: status });
    await this.page.getByRole('button', { name: 'Apply filters' }).click();
    await this.page.waitForURL(/\/history\?/);
  }

  rows() {
    return this.page.getByRole('table').getByRole('row');
  }

  linkTo(conversationId: string) {
    return this.page.locator(`a[href="/history/${conversationId}"]`);
  }
}

export class UsagePage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto('/usage');
    await expect(this.page.getByRole('heading', { name: 'Usage', level: 1 })).toBeVisible();
  }

  /** Today's row of the data table: [minutes, sessions]. */
  async today() {
    const details = this.page.locator('details', { hasText: 'Show the data as a table' });
    if (!(await details.evaluate((element: HTMLDetailsElement) => element.open)))
      await details.getByText('Show the data as a table').click();
    const day = new Date().toISOString().slice(0, 10);
    const cells = this.page.getByRole('row', { name: new RegExp(`^${day}`) }).getByRole('cell');
    return { minutes: Number(await cells.nth(0).textContent()), sessions: Number(await cells.nth(1).textContent()) };
  }
}
