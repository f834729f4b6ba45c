// Find anything (issue 25): a requester presses Ctrl+K, types a word of a ticket's description and opens the
// ticket from the palette; on a phone the header's Search button does the same by touch. A typed #number jumps
// to that ticket, `/` opens the palette when no field has the focus, Escape closes it and gives the focus back.
// Screenshots at 1440 and 390 px; axe finds nothing serious with the palette open.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { assertAccessible } from './support/a11y.ts';
import { graphql, tokenFor } from './support/api.ts';
import { signIn } from './support/auth.ts';
import { DESKTOP, PHONE, useBrowser, type Viewport } from './support/browser.ts';
import { screenshot } from './support/screenshots.ts';

const WAIT_MS = 15_000;
const browser = useBrowser();

/** A word no demo ticket has, in the description only: found by full text, not by the title. */
const WORD = `periwinkle${Math.random()
  .toString(36)
  .replace(/[^a-z]/g, '')
  .slice(0, 5)}`;
let ticket: { number: number; title: string };

beforeAll(async () => {
  const data = await graphql<{ createTicket: { ticket: { number: number; title: string } } }>(
    'mutation ($input: CreateTicketInput!) { createTicket(input: $input) { ticket { number title } } }',
    {
      input: {
        title: 'Rooftop café menu board',
        description: `Hand-lettered menu in ${WORD} and cream for the rooftop café, two sizes.`,
        priority: 'MEDIUM',
      },
    },
    await tokenFor('marketer'),
  );
  ticket = data.createTicket.ticket;
});

const palette = (page: Page) => page.getByRole('dialog', { name: 'Find anything' });
const searchBox = (page: Page) => page.getByRole('combobox', { name: 'Search tickets, people and pages' });

/** The Search button appears once the palette's keys have loaded (after the page renders). */
async function ready(page: Page): Promise<void> {
  await page.getByRole('button', { name: /Search/ }).waitFor({ timeout: WAIT_MS });
}

const widths: [string, Viewport][] = [
  ['desktop', DESKTOP],
  ['phone', PHONE],
];

describe.each(widths)('at %s width', (width, viewport) => {
  it('finds a ticket by a word of its description and opens it', async () => {
    const { page } = await browser.newUser({ viewport, label: `marketer (${width})` });
    await signIn(page, 'marketer', '/board');
    await ready(page);
    await page.getByText('Live', { exact: true }).waitFor({ timeout: WAIT_MS });
    await screenshot(page, 'search-header');
    if (width === 'desktop') await page.keyboard.press('Control+K');
    else await page.getByRole('button', { name: /Search/ }).click();
    await palette(page).waitFor({ timeout: WAIT_MS });
    await expect.poll(() => searchBox(page).evaluate((element) => element === document.activeElement)).toBe(true);

    await searchBox(page).fill(WORD.slice(0, -2));
    const option = page.getByRole('option', { name: new RegExp(`#${ticket.number} ${ticket.title}`) });
    await option.waitFor({ timeout: WAIT_MS });
    // The first result is the active option, named by the combobox, with the description's words around the match.
    expect(await option.getAttribute('aria-selected')).toBe('true');
    expect(await searchBox(page).getAttribute('aria-activedescendant')).toBe(await option.getAttribute('id'));
    expect(await option.textContent()).toContain(`${WORD} and cream`);
    await assertAccessible(page, `palette (${width})`);
    await screenshot(page, 'search-palette');

    if (width === 'desktop') await page.keyboard.press('Enter');
    else await option.click();
    await page.waitForURL(`${inject('baseUrl')}/tickets/${ticket.number}`, { timeout: WAIT_MS });
    await page.getByRole('heading', { name: ticket.title }).first().waitFor({ timeout: WAIT_MS });
    expect(await palette(page).count()).toBe(0);
  });
});

it('jumps to a typed number, opens with / outside fields, and closes with Escape', async () => {
  const { page } = await browser.newUser({ viewport: DESKTOP, label: 'marketer (keys)' });
  await signIn(page, 'marketer', '/tickets');
  await ready(page);

  await page.keyboard.press('/');
  await palette(page).waitFor({ timeout: WAIT_MS });
  // With nothing typed the pages are listed; the arrows move through them.
  await page.getByRole('option', { name: /^Dashboard/ }).waitFor({ timeout: WAIT_MS });
  await page.keyboard.press('ArrowDown');
  const board = page.getByRole('option', { name: /^Board/ });
  expect(await board.getAttribute('aria-selected')).toBe('true');
  expect(await page.locator('[role="option"][aria-selected="true"]').count()).toBe(1);
  expect(await searchBox(page).getAttribute('aria-activedescendant')).toBe(await board.getAttribute('id'));
  await page.keyboard.press('Escape');
  await palette(page).waitFor({ state: 'detached', timeout: WAIT_MS });

  // In a text field `/` is just a character.
  const field = page.getByRole('searchbox').first();
  if (await field.count()) {
    await field.click();
    await page.keyboard.press('/');
    expect(await palette(page).count()).toBe(0);
    await field.fill('');
    await page.locator('body').click({ position: { x: 5, y: 300 } });
  }

  await page.keyboard.press('Control+K');
  await searchBox(page).fill(`#${ticket.number}`);
  await page
    .getByRole('option', { name: new RegExp(`#${ticket.number} `) })
    .first()
    .waitFor({ timeout: WAIT_MS });
  await page.keyboard.press('Enter');
  await page.waitForURL(`${inject('baseUrl')}/tickets/${ticket.number}`, { timeout: WAIT_MS });
});

describe.each(widths)('on a ticket page at %s width', (width, viewport) => {
  it('runs an action on the open ticket: Ctrl+K, "approve", Enter, the approval dialog, and the status and history follow', async () => {
    const created = await graphql<{ createTicket: { ticket: { number: number; title: string } } }>(
      'mutation ($input: CreateTicketInput!) { createTicket(input: $input) { ticket { number title } } }',
      { input: { title: `Window decals for the spring sale (${width})`, description: 'Six decals for the shop front.', priority: 'MEDIUM' } },
      await tokenFor('marketer'),
    );
    const open = created.createTicket.ticket;
    const { page } = await browser.newUser({ viewport, label: `marketing manager (${width})` });
    await signIn(page, 'marketing.manager', `/tickets/${open.number}`);
    await page.getByRole('heading', { name: open.title }).first().waitFor({ timeout: WAIT_MS });
    await ready(page);
    const history = page.getByRole('list', { name: 'History' });
    await history.waitFor({ timeout: WAIT_MS });
    const entriesBefore = await history.getByRole('listitem').count();

    if (width === 'desktop') await page.keyboard.press('Control+K');
    else await page.getByRole('button', { name: /Search/ }).click();
    await palette(page).waitFor({ timeout: WAIT_MS });
    // Opened on a ticket, the palette lists what the viewer may do to it, as the page's action bar does.
    const approve = page.getByRole('option', { name: new RegExp(`^#${open.number} Approve`) });
    await approve.waitFor({ timeout: WAIT_MS });
    expect(await page.getByRole('option', { name: new RegExp(`^#${open.number} Reject`) }).count()).toBe(1);
    await searchBox(page).fill('approve');
    await expect.poll(() => approve.getAttribute('aria-selected'), { timeout: WAIT_MS }).toBe('true');
    await assertAccessible(page, `palette with the ticket's actions (${width})`);
    await screenshot(page, 'search-palette-actions');

    if (width === 'desktop') await page.keyboard.press('Enter');
    else await approve.click();
    // The same dialog as the page's Approve button (its note is optional), then the same toast.
    const dialog = page.getByRole('dialog', { name: `Approve #${open.number}` });
    await dialog.waitFor({ timeout: WAIT_MS });
    expect(await palette(page).count()).toBe(0);
    await dialog.getByRole('button', { name: 'Approve' }).click();
    await page.getByText(`Approved #${open.number}.`).first().waitFor({ timeout: WAIT_MS });
    await page
      .locator('.ticket-header, header')
      .getByText(/For Creative approval/)
      .first()
      .waitFor({ timeout: WAIT_MS });
    await expect.poll(() => history.getByRole('listitem').count(), { timeout: WAIT_MS }).toBeGreaterThan(entriesBefore);
    expect(await history.textContent()).toMatch(/approved/);
    await screenshot(page, 'search-palette-action-done');
  });
});
