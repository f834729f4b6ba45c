// Files in the ticket workspace: the requester uploads an image and a refused file; the image's thumbnail
// appears, live, in the department manager's open workspace in another browser context. The panel with files
// is checked with axe and photographed at desktop and phone width, and so are the board card and the tickets
// list row, which show the ticket's newest image (the server's WebP preview) as a small thumbnail.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { png } from '../api/test/support/files.ts';
import { assertAccessible } from './support/a11y.ts';
import { graphql, tokenFor } from './support/api.ts';
import { signIn } from './support/auth.ts';
import { cardBody } from './support/board.ts';
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

    // "Upload new version" on the card sends a file of any name under the card's: it is version 3, and the
    // History says so in words.
    await requester.page.getByLabel(`Upload new version of ${IMAGE}`).setInputFiles({ name: 'export-final.png', mimeType: 'image/png', buffer: png(100, 90) });
    await requester.page.getByText('2 earlier versions').waitFor({ timeout: WAIT_MS });
    await requester.page.getByText(`added ${IMAGE} (version 3)`).waitFor({ timeout: WAIT_MS });
    expect(await requester.page.getByText('export-final.png').count()).toBe(0);
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

  /** The decoded thumbnail (a preview, not the file) inside `scope`, with its box size. */
  async function decodedPreview(scope: ReturnType<Page['locator']>) {
    const image = scope.getByRole('img', { name: IMAGE });
    await image.first().waitFor({ timeout: WAIT_MS });
    await image.first().scrollIntoViewIfNeeded();
    return image.first().evaluate((element) => {
      const img = element as HTMLImageElement;
      const box = img.getBoundingClientRect();
      return { decoded: img.complete && img.naturalWidth > 0, src: img.getAttribute('src') ?? '', loading: img.loading, width: box.width, height: box.height };
    });
  }

  for (const viewport of [DESKTOP, PHONE]) {
    it(`shows the newest image on the board card and the tickets list row at ${viewport.width}×${viewport.height}`, async () => {
      const person = await browser.newUser({ viewport, label: `marketer board at ${viewport.width}` });
      await signIn(person.page, 'marketer', '/board');
      const onCard = await eventually('the card thumbnail', async () => {
        const shown = await decodedPreview(cardBody(person.page, ticket.number));
        if (!shown.decoded) throw new Error('not decoded yet');
        return shown;
      });
      expect(onCard.src).toMatch(/^\/files\/[0-9a-f-]+\/preview\?token=/);
      expect(onCard.loading).toBe('lazy');
      // A fixed 4:3 box, whatever the image's own proportions (the upload was 120 × 90, the first 160 × 90).
      expect(Math.round((onCard.width / onCard.height) * 3)).toBe(4);
      await assertAccessible(person.page, `board with a thumbnail at ${viewport.width}`);
      await screenshot(person.page, 'board-thumbnail');

      await person.page.goto(new URL(`/tickets?q=${encodeURIComponent(ticket.title)}`, person.page.url()).href);
      const row = person.page.getByRole('row').filter({ hasText: ticket.title });
      const inRow = await eventually('the row thumbnail', async () => {
        const shown = await decodedPreview(row);
        if (!shown.decoded) throw new Error('not decoded yet');
        return shown;
      });
      expect(inRow.src).toMatch(/\/preview\?token=/);
      await assertAccessible(person.page, `tickets list with a thumbnail at ${viewport.width}`);
      await screenshot(person.page, 'tickets-list-thumbnail');
    });
  }
});
