// The ticket workspace's side panel and history as an admin meets them at 1440×900 and 390 px: the due-date
// editor fits inside the properties panel, and "Roll back to here" is there to see without hovering first.
import type { Locator } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { graphql, tokenFor } from './support/api.ts';
import { signIn } from './support/auth.ts';
import { DESKTOP, PHONE, useBrowser } from './support/browser.ts';
import { screenshot } from './support/screenshots.ts';

const WAIT_MS = 15_000;

const browser = useBrowser();
let ticket: { number: number; title: string };

beforeAll(async () => {
  // Set-up only: a ticket in progress has a history with earlier entries to roll back to.
  const data = await graphql<{ tickets: { nodes: { number: number; title: string }[] } }>(
    '{ tickets(first: 1, filter: { status: [IN_PROGRESS] }) { nodes { number title } } }',
    {},
    await tokenFor('admin'),
  );
  const found = data.tickets.nodes[0];
  if (!found) throw new Error('the demo month has no ticket in progress');
  ticket = found;
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
  });
}
