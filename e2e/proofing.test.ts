// The proof view: a reviewer pins comments on an uploaded PNG and on page 2 of a PDF; the designer, with both
// files open in another browser, sees the markers appear without reloading, replies and resolves one, and the
// reviewer sees that live. Markers stay on their stored spot at three widths and two zoom levels (each marker's
// centre against the image's box × the stored x, y). A freehand line drawn with the mouse and a pin placed with the
// keyboard are stored where they were drawn. Screenshots at desktop and phone width; axe clean.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { png } from '../api/test/support/files.ts';
import { uploadOk } from '../api/test/support/uploads.ts';
import { multiPagePdf } from './fixtures/proof-files.ts';
import { assertAccessible } from './support/a11y.ts';
import { graphql, tokenFor } from './support/api.ts';
import { signIn } from './support/auth.ts';
import { DESKTOP, PHONE, useBrowser } from './support/browser.ts';
import { eventually } from './support/live.ts';
import { screenshot } from './support/screenshots.ts';

const WAIT_MS = 20_000;
const browser = useBrowser();
let ticket: { id: string; number: number; title: string };
let image: string;
let document: string;

/** Set-up only: a file uploaded through the API as the requester would from the Files panel. */
async function upload(name: string, type: string, bytes: Buffer, token: string): Promise<string> {
  return (await uploadOk({ url: `${inject('baseUrl')}/graphql` }, token, ticket.id, { name, type, bytes })).id;
}

beforeAll(async () => {
  // A Marketing request approved at both steps and assigned to the designer, with a PNG and a 3-page PDF.
  const marketer = await tokenFor('marketer');
  const created = await graphql<{ createTicket: { ticket: { id: string; number: number; title: string } } }>(
    'mutation ($input: CreateTicketInput!) { createTicket(input: $input) { ticket { id number title } } }',
    { input: { title: 'Summer flyer for proofing', description: 'Proofs to review in the proof view.', priority: 'HIGH', requestType: 'WEBSITE_BANNER' } },
    marketer,
  );
  ticket = created.createTicket.ticket;
  const approve = 'mutation ($input: ApproveTicketInput!) { approveTicket(input: $input) { ticket { id } } }';
  await graphql(approve, { input: { id: ticket.id } }, await tokenFor('marketing.manager'));
  const creative = await tokenFor('creative.manager');
  await graphql(approve, { input: { id: ticket.id } }, creative);
  const designer = await graphql<{ viewer: { id: string } }>('{ viewer { id } }', {}, await tokenFor('designer'));
  await graphql(
    'mutation ($input: AssignTicketInput!) { assignTicket(input: $input) { ticket { id } } }',
    { input: { id: ticket.id, assigneeId: designer.viewer.id } },
    creative,
  );
  image = await upload('flyer-proof.png', 'image/png', png(800, 500), marketer);
  document = await upload('flyer-proof.pdf', 'application/pdf', multiPagePdf(3), marketer);
});

const proofUrl = (attachmentId: string) => `/tickets/${ticket.number}/files/${encodeURIComponent(attachmentId)}`;

async function openProof(page: Page) {
  await page.getByRole('heading', { name: /flyer-proof/ }).waitFor({ timeout: WAIT_MS });
  await page.locator('.proof-page').first().waitFor({ timeout: WAIT_MS });
}

/** Pins a comment at (x, y) as fractions of page `pageNumber`'s box (1 for an image). */
async function pin(page: Page, pageNumber: number, x: number, y: number, body: string) {
  await page.getByRole('button', { name: 'Pin', exact: true }).click();
  const box = await page.locator(`.proof-page[data-page="${pageNumber}"]`).boundingBox();
  if (!box) throw new Error(`page ${pageNumber} is not shown`);
  await page.mouse.click(box.x + box.width * x, box.y + box.height * y);
  await page.getByLabel(/^Comment on the pin/).fill(body);
  await page.getByRole('button', { name: 'Add annotation' }).click();
}

const marker = (page: Page, number: number) => page.locator(`.proof-page button[data-annotation="${number}"]`);

/** Each marker's centre, in pixels from the stored spot of its page's box (should be under 2). */
async function markerOffsets(page: Page, attachmentId: string): Promise<number[]> {
  const data = await graphql<{ node: { annotations: { number: number; page: number | null; x: number; y: number }[] } }>(
    'query ($id: ID!) { node(id: $id) { ... on Attachment { annotations { number page x y } } } }',
    { id: attachmentId },
    await tokenFor('marketer'),
  );
  const offsets: number[] = [];
  for (const annotation of data.node.annotations) {
    const pageBox = await page.locator(`.proof-page[data-page="${annotation.page ?? 1}"]`).boundingBox();
    const markerBox = await marker(page, annotation.number).boundingBox();
    if (!pageBox || !markerBox) throw new Error(`annotation ${annotation.number} is not drawn`);
    const dx = markerBox.x + markerBox.width / 2 - (pageBox.x + pageBox.width * annotation.x);
    const dy = markerBox.y + markerBox.height / 2 - (pageBox.y + pageBox.height * annotation.y);
    offsets.push(Math.hypot(dx, dy));
  }
  return offsets;
}

describe('the proof view', () => {
  it('pins on a PNG and on page 2 of a PDF; the designer sees both live, replies and resolves; the reviewer sees it', async () => {
    const reviewer = await browser.newUser({ label: 'marketer' });
    const designer = await browser.newUser({ label: 'designer' });
    await signIn(designer.page, 'designer', proofUrl(image));
    await openProof(designer.page);
    const designerPdf = await designer.newTab('designer, PDF');
    await designerPdf.page.goto(new URL(proofUrl(document), inject('baseUrl')).href);
    await openProof(designerPdf.page);

    // The reviewer comes from the ticket's Files panel, by its Review link.
    await signIn(reviewer.page, 'marketer', `/tickets/${ticket.number}`);
    await reviewer.page.getByRole('link', { name: 'Review flyer-proof.png' }).click();
    await openProof(reviewer.page);
    await pin(reviewer.page, 1, 0.3, 0.4, 'Move the logo 20 px left');
    await marker(reviewer.page, 1).waitFor({ timeout: WAIT_MS });
    await eventually('the designer sees the pin on the image', async () => {
      if (!(await marker(designer.page, 1).count())) throw new Error('no marker 1 yet');
    });

    // Page 2 of the PDF: scrolled to with the wheel, drawn when it comes into view.
    await reviewer.page.goto(new URL(proofUrl(document), inject('baseUrl')).href);
    await openProof(reviewer.page);
    const stage = reviewer.page.locator('.proof-stage');
    const stageBox = await stage.boundingBox();
    if (!stageBox) throw new Error('no stage');
    await reviewer.page.mouse.move(stageBox.x + stageBox.width / 2, stageBox.y + stageBox.height / 2);
    await reviewer.page.getByText('Page 1 of 3').waitFor({ timeout: WAIT_MS });
    const firstPage = await reviewer.page.locator('.proof-page[data-page="1"]').boundingBox();
    await reviewer.page.mouse.wheel(0, firstPage?.height ?? 800);
    // The page most in view is named, and the page buttons go one page on and back.
    await reviewer.page.getByText('Page 2 of 3').waitFor({ timeout: WAIT_MS });
    await reviewer.page.getByRole('button', { name: 'Next page' }).click();
    await reviewer.page.getByText('Page 3 of 3').waitFor({ timeout: WAIT_MS });
    await reviewer.page.getByRole('button', { name: 'Previous page' }).click();
    await reviewer.page.getByText('Page 2 of 3').waitFor({ timeout: WAIT_MS });
    await eventually('page 2 is drawn', async () => {
      const painted = await reviewer.page.locator('.proof-page[data-page="2"] canvas').evaluate((canvas) => (canvas as HTMLCanvasElement).width > 0);
      if (!painted) throw new Error('page 2 not drawn yet');
    });
    await pin(reviewer.page, 2, 0.5, 0.25, 'Wrong price on page 2');
    await marker(reviewer.page, 1).waitFor({ timeout: WAIT_MS });
    await eventually('the designer sees the pin on page 2', async () => {
      if (!(await designerPdf.page.locator('.proof-page[data-page="2"] button[data-annotation="1"]').count())) throw new Error('no marker on page 2 yet');
    });

    // The designer answers on the image and resolves it; the reviewer, back on the image, sees both live.
    await reviewer.page.goto(new URL(proofUrl(image), inject('baseUrl')).href);
    await openProof(reviewer.page);
    await designer.page.getByRole('button', { name: 'Reply on annotation 1' }).click();
    await designer.page.getByLabel('Reply on annotation 1').fill('Moved, see version 2');
    await designer.page.getByRole('button', { name: 'Post reply' }).click();
    await designer.page.getByRole('button', { name: 'Resolve annotation 1' }).click();
    // A resolved thread leaves the Open list (the default); All shows it with Reopen.
    await designer.page.locator('[data-thread="1"]').waitFor({ state: 'detached', timeout: WAIT_MS });
    await designer.page.getByRole('button', { name: 'All' }).click();
    await designer.page.getByRole('button', { name: 'Reopen annotation 1' }).waitFor({ timeout: WAIT_MS });
    await eventually('the reviewer sees the reply and the resolution', async () => {
      await reviewer.page.getByRole('button', { name: 'All' }).click();
      const thread = reviewer.page.locator('[data-thread="1"]');
      const text = (await thread.textContent()) ?? '';
      if (!text.includes('Moved, see version 2') || !text.includes('Resolved by')) throw new Error(`thread says: ${text}`);
    });

    // n/p move between annotations and show the chosen one's spot.
    await reviewer.page.keyboard.press('n');
    expect(await marker(reviewer.page, 1).getAttribute('aria-pressed')).toBe('true');
    browser.assertNoErrors();
  });

  for (const viewport of [DESKTOP, { width: 1024, height: 768 }, PHONE]) {
    it(`keeps markers on their stored spot at ${viewport.width} px, at two zoom levels`, async () => {
      const person = await browser.newUser({ viewport, label: `marketer at ${viewport.width}` });
      await signIn(person.page, 'marketer', proofUrl(image));
      await openProof(person.page);
      await person.page.getByRole('button', { name: 'All' }).click();
      await marker(person.page, 1).waitFor({ timeout: WAIT_MS });
      for (const offset of await markerOffsets(person.page, image)) expect(offset).toBeLessThan(2);

      await person.page.getByRole('button', { name: 'Zoom in' }).click();
      await person.page.getByRole('button', { name: 'Zoom in' }).click();
      // n shows the first annotation's spot: centred and zoomed in.
      await person.page.keyboard.press('n');
      for (const offset of await markerOffsets(person.page, image)) expect(offset).toBeLessThan(2);

      // The tool in hand is filled, and the four tools share one row (at 390 px one was left alone on a second).
      await person.page.getByRole('button', { name: 'Rectangle' }).click();
      // Read once the buttons' colour transition has ended.
      await eventually('the chosen tool is filled', async () => {
        const tools = await person.page
          .locator('.proof-tool')
          .evaluateAll((buttons) =>
            buttons.map((button) => ({ top: button.getBoundingClientRect().top, background: getComputedStyle(button).backgroundColor })),
          );
        expect(new Set(tools.map((tool) => tool.top)).size).toBe(1);
        expect(tools[1]?.background).not.toBe(tools[0]?.background);
      });

      if (viewport.width !== 1024) {
        await assertAccessible(person.page, `proof view at ${viewport.width}`);
        await screenshot(person.page, 'proof-view');
      }
      person.assertNoErrors();
    });
  }

  it('draws a freehand line and places a pin by keyboard, stored where they were drawn', async () => {
    const person = await browser.newUser({ label: 'marketer, freehand and keyboard' });
    await signIn(person.page, 'marketer', proofUrl(image));
    await openProof(person.page);
    const before = (await storedAnnotations()).length;

    // A wavy stroke across the image, with the mouse (Playwright sends it as pointer events).
    await person.page.getByRole('button', { name: 'Freehand' }).click();
    const box = await person.page.locator('.proof-page[data-page="1"]').boundingBox();
    if (!box) throw new Error('the image is not shown');
    await person.page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.6);
    await person.page.mouse.down();
    for (let step = 1; step <= 40; step++) {
      await person.page.mouse.move(box.x + box.width * (0.2 + step * 0.01), box.y + box.height * (0.6 + 0.1 * Math.sin(step / 4)));
    }
    await person.page.mouse.up();
    await person.page.getByLabel(/^Comment on the line/).fill('Circle the headline');
    await person.page.getByRole('button', { name: 'Add annotation' }).click();
    await marker(person.page, before + 1).waitFor({ timeout: WAIT_MS });

    // m puts a crosshair at the centre; arrows move it (Shift: 10 %); Enter opens the box there, with @mentions.
    await person.page.locator('.proof-stage').focus();
    await person.page.keyboard.press('m');
    const crosshair = person.page.getByRole('img', { name: /^New pin at/ });
    const start = /(\d+)% across, (\d+)% down/.exec((await crosshair.getAttribute('aria-label')) ?? '');
    if (!start) throw new Error('the crosshair says no position');
    await person.page.keyboard.press('ArrowRight');
    await person.page.keyboard.press('ArrowRight');
    await person.page.keyboard.press('Shift+ArrowDown');
    await person.page.getByRole('img', { name: `New pin at ${Number(start[1]) + 2}% across, ${Number(start[2]) + 10}% down` }).waitFor({ timeout: WAIT_MS });
    await assertAccessible(person.page, 'proof view placing a pin by keyboard');
    await screenshot(person.page, 'proof-keyboard-pin');
    await person.page.keyboard.press('Enter');
    const comment = person.page.getByLabel(/^Comment on the pin/);
    await comment.pressSequentially('Ask @desig');
    await person.page
      .getByRole('option', { name: /@designer\b/ })
      .first()
      .click();
    await person.page.getByRole('button', { name: 'Add annotation' }).click();
    await marker(person.page, before + 2).waitFor({ timeout: WAIT_MS });

    const stored = await storedAnnotations();
    const line = stored.find((annotation) => annotation.number === before + 1);
    expect(line?.shape).toBe('FREEHAND');
    expect(line?.points.length).toBeGreaterThanOrEqual(4);
    expect(line?.points.length).toBeLessThanOrEqual(2000);
    expect(line?.points.every((value) => value >= 0 && value <= 1)).toBe(true);
    expect(line?.x).toBeCloseTo(0.2, 1);
    expect(line?.y).toBeCloseTo(0.6, 1);
    const pinned = stored.find((annotation) => annotation.number === before + 2);
    expect(pinned).toMatchObject({ shape: 'PIN', points: [] });
    expect(pinned?.x).toBeCloseTo((Number(start[1]) + 2) / 100, 1);
    expect(pinned?.y).toBeCloseTo((Number(start[2]) + 10) / 100, 1);
    expect(pinned?.comment.body).toBe('Ask @designer');

    // Resolved, the line's thread number takes its marker's resolved green instead of the open red.
    await person.page.getByRole('button', { name: `Resolve annotation ${before + 1}` }).click();
    await person.page.getByRole('button', { name: /^All/ }).click();
    await person.page.getByRole('button', { name: `Reopen annotation ${before + 1}` }).waitFor({ timeout: WAIT_MS });
    const background = (selector: string) => person.page.locator(selector).evaluate((element) => getComputedStyle(element).backgroundColor);
    const resolvedNumber = await background(`[data-thread="${before + 1}"] .proof-thread-number`);
    expect(resolvedNumber).toBe(await background(`.proof-page button[data-annotation="${before + 1}"]`));
    expect(resolvedNumber).not.toBe(await background(`[data-thread="${before + 2}"] .proof-thread-number`));
    await assertAccessible(person.page, 'proof view with a freehand line');
    await screenshot(person.page, 'proof-freehand');

    const phone = await browser.newUser({ viewport: PHONE, label: 'marketer at 390, freehand' });
    await signIn(phone.page, 'marketer', proofUrl(image));
    await openProof(phone.page);
    await marker(phone.page, before + 2).waitFor({ timeout: WAIT_MS });
    await phone.page.getByRole('button', { name: 'Freehand' }).click();
    await screenshot(phone.page, 'proof-freehand');
    person.assertNoErrors();
    phone.assertNoErrors();
  });
});

/** The image's annotations as stored. */
async function storedAnnotations() {
  const data = await graphql<{
    node: { annotations: { number: number; shape: string; x: number; y: number; points: number[]; comment: { body: string } }[] };
  }>(
    'query ($id: ID!) { node(id: $id) { ... on Attachment { annotations { number shape x y points comment { body } } } } }',
    { id: image },
    await tokenFor('marketer'),
  );
  return data.node.annotations;
}
