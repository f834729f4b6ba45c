// Files in the ticket workspace: the requester uploads an image and a refused file; the image's thumbnail
// appears, live, in the department manager's open workspace in another browser context. The panel with files
// is checked with axe and photographed at desktop and phone width.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { png } from '../api/test/support/files.ts';
import { assertAccessible } from './support/a11y.ts';
import { graphql, tokenFor } from './support/api.ts';
import { signIn } from './support/auth.ts';
import { DESKTOP, PHONE, useBrowser } from './support/browser.ts';
import { eventually } from './support/live.ts';
import { screenshot } from './support/screenshots.ts';

const WAIT_MS = 15_000;
const IMAGE = 'e2e-hero-proof.png';

const browser = useBrowser();
let ticket: { number: number; title: string };

beforeAll(async () => {
  // Set-up only: a fresh request of the marketer's, which the marketing manager may read.
  const created = await graphql<{ createTicket: { ticket: { number: number; title: string } } }>(
    'mutation ($input: CreateTicketInput!) { createTicket(input: $input) { ticket { number title } } }',
    { input: { title: 'Spring hero banner with proofs', description: 'Proofs attached in the workspace.', priority: 'HIGH' } },
    await tokenFor('marketer'),
  );
  ticket = created.createTicket.ticket;
});

async function openWorkspace(page: Page) {
  await page.getByRole('heading', { name: ticket.title }).first().waitFor({ timeout: WAIT_MS });
  await page.getByRole('heading', { name: 'Files' }).waitFor({ timeout: WAIT_MS });
}

/** Whether the thumbnail of `name` is there and decoded (a broken image has no natural width). */
async function thumbnailShown(page: Page, name: string): Promise<boolean> {
  const image = page.getByRole('img', { name });
  if (!(await image.count())) return false;
  return image.first().evaluate((element) => (element as HTMLImageElement).complete && (element as HTMLImageElement).naturalWidth > 0);
}

/** For eventually(): throws until the thumbnail shows. */
const thumbnailOf = (page: Page, name: string) => async () => {
  if (!(await thumbnailShown(page, name))) throw new Error(`no decoded thumbnail of ${name} yet`);
};

describe('attachments in the workspace', () => {
  it('uploads an image that appears live in another person’s open workspace, and says why a file is refused', async () => {
    const requester = await browser.newUser({ label: 'marketer' });
    const manager = await browser.newUser({ label: 'marketing.manager' });
    await signIn(requester.page, 'marketer', `/tickets/${ticket.number}`);
    await signIn(manager.page, 'marketing.manager', `/tickets/${ticket.number}`);
    await openWorkspace(requester.page);
    await openWorkspace(manager.page);
    expect(await thumbnailShown(manager.page, IMAGE)).toBe(false);

    const picker = requester.page.getByLabel('Choose files');
    await picker.setInputFiles({ name: IMAGE, mimeType: 'image/png', buffer: png(160, 90) });
    await eventually('the uploader sees the thumbnail', thumbnailOf(requester.page, IMAGE));
    await eventually('the manager sees the thumbnail without reloading', thumbnailOf(manager.page, IMAGE));

    // An SVG carries scripts, and 11 MB is over the limit: both refused in the browser, in words, next to their
    // names, without a byte sent.
    const uploadsSent: string[] = [];
    requester.page.on('request', (request) => {
      if (request.method() === 'POST' && (request.headers()['content-type'] ?? '').startsWith('multipart/')) uploadsSent.push(request.url());
    });
    await picker.setInputFiles({ name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') });
    const refusal = requester.page.getByRole('alert').filter({ hasText: 'Not uploaded' });
    await refusal.waitFor({ timeout: WAIT_MS });
    expect(await refusal.textContent()).toBe("Not uploaded: This kind of file isn't accepted: .svg.");
    await requester.page.getByRole('button', { name: 'Dismiss' }).click();
    await picker.setInputFiles({ name: 'raw-shoot.png', mimeType: 'image/png', buffer: Buffer.alloc(11 * 1024 * 1024) });
    await refusal.waitFor({ timeout: WAIT_MS });
    expect(await refusal.textContent()).toBe('Not uploaded: This file is too large: files up to 10 MB can be attached.');
    expect(uploadsSent).toEqual([]);

    // A second upload of the same name is version 2; the first stays listed under it.
    await requester.page.getByRole('button', { name: 'Dismiss' }).click();
    await picker.setInputFiles({ name: IMAGE, mimeType: 'image/png', buffer: png(120, 90) });
    await requester.page.getByText('1 earlier version').waitFor({ timeout: WAIT_MS });
    await manager.page.getByText('1 earlier version').waitFor({ timeout: WAIT_MS });
  });

  for (const viewport of [DESKTOP, PHONE]) {
    it(`shows the files accessibly at ${viewport.width}×${viewport.height}`, async () => {
      const person = await browser.newUser({ viewport, label: `marketer at ${viewport.width}` });
      await signIn(person.page, 'marketer', `/tickets/${ticket.number}`);
      await openWorkspace(person.page);
      await eventually('the thumbnail', thumbnailOf(person.page, IMAGE));
      await assertAccessible(person.page, `workspace with files at ${viewport.width}`);
      await person.page.getByRole('heading', { name: 'Files' }).scrollIntoViewIfNeeded();
      await screenshot(person.page, 'workspace-files');
    });
  }
});
