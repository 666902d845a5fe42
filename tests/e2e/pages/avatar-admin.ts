import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { CANARY } from '../canaries';

export interface UploadFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** The admin's avatar management pages (/avatars, its documents and voices tabs), driven as a person would. */
/**
 * Creates a custom avatar through the API rather than the form (a linked image, a preset voice), as the
 * admin whose session `request` carries; returns its id.
 */
export async function createAvatarByApi(request: APIRequestContext, fields: { name: string; personality: string; startScript?: string }) {
  const created = await request.post('/api/avatars', {
    data: { referenceImage: 'https://images.example.com/portrait.png', voice: { type: 'preset', presetId: 'clara' }, ...fields },
  });
  expect(created.status()).toBe(201);
  return ((await created.json()) as { id: string }).id;
}

export class AvatarAdmin {
  constructor(readonly page: Page) {}

  async signIn() {
    await this.page.goto('/login?next=%2Favatars');
    await this.page.getByLabel('Password').fill(CANARY.adminPassword);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    await expect(this.page.getByRole('heading', { name: 'Characters' })).toBeVisible();
  }

  row(name: string) {
    return this.page.getByRole('listitem', { name, exact: true });
  }

  async openNew() {
    await this.page.goto('/avatars');
    await this.page.getByRole('link', { name: 'New character' }).click();
    await expect(this.page.getByRole('heading', { name: 'New character' })).toBeVisible();
  }

  imageFileInput() {
    return this.page.getByLabel('Drop an image here, or choose a file');
  }

  async uploadImage(file: UploadFile) {
    await this.imageFileInput().setInputFiles(file);
  }

  async chooseVoice(name: string) {
    await this.page.getByRole('radio', { name: new RegExp(`^${name}\\b`) }).check();
  }

  async create({ name, personality, voice, image }: { name: string; personality: string; voice: string; image: UploadFile }) {
    await this.openNew();
    await this.page.getByLabel('Name').fill(name);
    await this.uploadImage(image);
    await expect(this.page.getByRole('img', { name: 'Reference image preview' })).toBeVisible();
    await expect(this.page.getByLabel('Upload progress')).toBeHidden();
    await this.page.getByLabel('Personality').fill(personality);
    await this.chooseVoice(voice);
    await expect(this.page.getByTestId('preview-voice')).toHaveText(voice);
    await this.page.getByRole('button', { name: 'Create character' }).click();
    await expect(this.page).toHaveURL(/\/avatars$/);
  }

  async edit(name: string) {
    await this.page.goto('/avatars');
    await this.page.getByRole('link', { name: `Edit ${name}` }).click();
    await expect(this.page.getByRole('heading', { name: `Edit ${name}` })).toBeVisible();
  }

  async save() {
    await this.page.getByRole('button', { name: 'Save changes' }).click();
  }

  async delete(name: string) {
    await this.page.goto('/avatars');
    await this.page.getByRole('button', { name: `Delete ${name}` }).click();
    const dialog = this.page.getByRole('dialog', { name: `Delete ${name}?` });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: `Delete ${name}` }).click();
    await expect(this.row(name)).toBeHidden();
  }

  async createDocument(name: string, content: string) {
    await this.page.goto('/avatars/documents');
    const form = this.page.getByRole('form', { name: 'New document' });
    await form.getByLabel('Document name').fill(name);
    await form.getByLabel('Content (Markdown or plain text)').fill(content);
    await form.getByRole('button', { name: 'Create document' }).click();
    await expect(this.row(name)).toBeVisible();
  }

  async designVoice(name: string, prompt: string) {
    await this.page.goto('/avatars/voices');
    const form = this.page.getByRole('form', { name: 'New voice' });
    await form.getByLabel('Voice name').fill(name);
    await form.getByLabel('Describe the voice').fill(prompt);
    await form.getByRole('button', { name: 'Preview' }).click();
    const preview = form.getByLabel('Voice preview');
    await expect(preview).toBeVisible();
    // The audio really loads: the browser read its duration from the file.
    await expect.poll(() => preview.evaluate((audio: HTMLAudioElement) => audio.duration)).toBeGreaterThan(1);
    await form.getByRole('button', { name: 'Save voice' }).click();
    await expect(this.row(name).getByText('Ready')).toBeVisible({ timeout: 15_000 });
  }
}
