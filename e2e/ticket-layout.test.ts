// The ticket workspace's side panel and history as an admin meets them at 1440×900 and 390 px: the due-date
// editor fits inside the properties panel, "Roll back to here" is there to see without hovering first, and the
// Review section lists the reviewers' decisions with a link to the file's proof, live.
import type { Locator } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { png } from '../api/test/support/files.ts';
import { uploadOk } from '../api/test/support/uploads.ts';
import { graphql, tokenFor } from './support/api.ts';
import { signIn } from './support/auth.ts';
import { DESKTOP, PHONE, useBrowser } from './support/browser.ts';
import { screenshot } from './support/screenshots.ts';

const WAIT_MS = 15_000;

const browser = useBrowser();
let ticket: { id: string; number: number; title: string };
/** A file of the ticket with a decision on it. */
const PROOF = 'layout-proof.png';
let proofId: string;
const DECIDE = 'mutation ($input: RecordReviewDecisionInput!) { recordReviewDecision(input: $input) { decision { id } } }';

beforeAll(async () => {
  // Set-up only: a ticket in progress has a history with earlier entries to roll back to.
  const data = await graphql<{ tickets: { nodes: { id: string; number: number; title: string }[] } }>(
    '{ tickets(first: 1, filter: { status: [IN_PROGRESS] }) { nodes { id number title } } }',
    {},
    await tokenFor('admin'),
  );
  const found = data.tickets.nodes[0];
  if (!found) throw new Error('the demo month has no ticket in progress');
  ticket = found;
  // And a file the admin (a reviewer of every ticket) approved.
  const admin = await tokenFor('admin');
  proofId = (await uploadOk({ url: `${inject('baseUrl')}/graphql` }, admin, ticket.id, { name: PROOF, type: 'image/png', bytes: png(400, 300) })).id;
  await graphql(DECIDE, { input: { attachmentId: proofId, verdict: 'APPROVED', note: 'Colours match the brand sheet.' } }, admin);
});

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  if (!found) throw new Error('no box: the element is not rendered');
  return found;
}

for (const viewport of [DESKTOP, PHONE]) {
  describe(`the ticket workspace at ${viewport.width}×${viewport.height}`, () => {
    async function openTicket() {
      const { page } = await browser.newUser({ viewport, label: `admin at ${viewport.width}` });
      await signIn(page, 'admin', `/tickets/${ticket.number}`);
      await page.getByRole('heading', { name: ticket.title }).first().waitFor({ timeout: WAIT_MS });
      return page;
    }

    it('fits the due-date editor inside the properties panel', async () => {
      const page = await openTicket();
      const panel = page.getByRole('complementary', { name: 'Properties' });
      await panel.getByRole('button', { name: /edit due date/i }).click();
      const input = panel.getByLabel('Due date');
      await input.waitFor({ timeout: WAIT_MS });
      const inside = await box(panel);
      for (const part of [input, panel.getByRole('button', { name: 'Save' }), panel.getByRole('button', { name: 'Cancel' })]) {
        const edge = await box(part);
        expect(edge.x, 'starts inside the panel').toBeGreaterThanOrEqual(inside.x);
        expect(edge.x + edge.width, 'ends inside the panel').toBeLessThanOrEqual(inside.x + inside.width);
      }
      await panel.scrollIntoViewIfNeeded();
      await screenshot(page, 'ticket-due-date-editor');
    });

    it('shows "Roll back to here" without a hover', async () => {
      const page = await openTicket();
      const rollback = page.getByRole('button', { name: 'Roll back to here' }).first();
      await rollback.waitFor({ timeout: WAIT_MS });
      await page.mouse.move(0, 0);
      expect(await rollback.evaluate((element) => getComputedStyle(element).opacity)).toBe('1');
      await rollback.scrollIntoViewIfNeeded();
      await screenshot(page, 'ticket-history');
    });

    it('shows the review decisions with a link to the proof, and a new one live', async () => {
      const page = await openTicket();
      const review = page.getByRole('region', { name: 'Review' });
      const decisions = review.getByRole('list', { name: `Decisions on ${PROOF}` });
      await decisions.waitFor({ timeout: WAIT_MS });
      expect(await review.getByRole('link', { name: `Open proof of ${PROOF}` }).getAttribute('href')).toBe(`/tickets/${ticket.number}/files/${proofId}`);
      const section = await box(review);
      expect(section.x + section.width, 'ends inside the window').toBeLessThanOrEqual(viewport.width);
      if (viewport === DESKTOP) {
        expect(await decisions.textContent()).toMatch(/Approved.*Colours match the brand sheet\./);
        // The admin changes their mind elsewhere: the page shows it without a reload.
        await graphql(DECIDE, { input: { attachmentId: proofId, verdict: 'CHANGES_REQUESTED', note: 'Make the logo larger.' } }, await tokenFor('admin'));
        await decisions.getByText('Make the logo larger.').waitFor({ timeout: WAIT_MS });
        expect(await decisions.textContent()).toMatch(/Changes requested/);
      }
      await review.scrollIntoViewIfNeeded();
      await screenshot(page, 'ticket-review');
    });
  });
}
