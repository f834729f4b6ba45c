// Saved views and bulk actions (issue 25): an admin saves the list's filters as a view, which survives a reload
// (kept on the server) and opens from its link in another person's browser with the same filters; then selects
// the five matching tickets and sets their priority at once: five tickets changed, five history entries. On a
// phone the selection bar and the Views menu fit and work. Screenshots at 1440 and 390 px; axe finds nothing
// serious with the menu open and rows selected.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { assertAccessible } from './support/a11y.ts';
import { graphql, tokenFor } from './support/api.ts';
import { signIn } from './support/auth.ts';
import { DESKTOP, PHONE, useBrowser } from './support/browser.ts';
import { screenshot } from './support/screenshots.ts';

const WAIT_MS = 15_000;
const browser = useBrowser();

/** A word only this file's tickets have in their titles. */
const WORD = `quokka${Math.random()
  .toString(36)
  .replace(/[^a-z]/g, '')
  .slice(0, 5)}`;
let tickets: { id: string; number: number }[] = [];

beforeAll(async () => {
  const token = await tokenFor('marketer');
  tickets = [];
  for (const n of [1, 2, 3, 4, 5]) {
    const data = await graphql<{ createTicket: { ticket: { id: string; number: number } } }>(
      'mutation ($input: CreateTicketInput!) { createTicket(input: $input) { ticket { id number } } }',
      { input: { title: `Stall poster ${WORD} ${n}`, description: 'A poster for the market stall.', priority: 'LOW' } },
      token,
    );
    tickets.push(data.createTicket.ticket);
  }
});

const rows = (page: Page) => page.locator('tbody .ticket-row');
const viewsButton = (page: Page) => page.getByRole('button', { name: 'Views', exact: true });

async function showsTheFiveTickets(page: Page): Promise<void> {
  await expect.poll(() => rows(page).count(), { timeout: WAIT_MS }).toBe(5);
  for (const ticket of tickets) await page.getByRole('link', { name: new RegExp(`#${ticket.number} `) }).waitFor({ timeout: WAIT_MS });
}

describe('saved views and bulk actions', () => {
  it('a saved view survives a reload and opens from its link; a bulk priority change on 5 tickets leaves 5 history entries', async () => {
    const { page } = await browser.newUser({ viewport: DESKTOP, label: 'admin (desktop)' });
    await signIn(page, 'admin', `/tickets?q=${WORD}&sort=number&dir=asc`);
    await showsTheFiveTickets(page);

    // Save the filters as a view.
    await viewsButton(page).click();
    await page.getByLabel('Name of this view').fill(`Posters ${WORD}`);
    await page.getByRole('button', { name: 'Save current filters' }).click();
    const viewLink = page.getByRole('link', { name: `Posters ${WORD}` });
    await viewLink.waitFor({ timeout: WAIT_MS });
    await page
      .getByRole('status')
      .filter({ hasText: `Saved “Posters ${WORD}”.` })
      .waitFor({ timeout: WAIT_MS });

    // Gone from the URL, back after a reload: the view is kept on the server.
    await page.goto(`${inject('baseUrl')}/tickets`);
    await page.reload();
    await viewsButton(page).click();
    await viewLink.waitFor({ timeout: WAIT_MS });
    const href = await viewLink.getAttribute('href');
    const saved = new URL(href ?? '', inject('baseUrl'));
    expect(saved.pathname).toBe('/tickets');
    expect(Object.fromEntries(saved.searchParams)).toEqual({ q: WORD, sort: 'number', dir: 'asc' });
    await viewLink.click();
    await page.waitForURL((url) => url.searchParams.get('q') === WORD, { timeout: WAIT_MS });
    await showsTheFiveTickets(page);
    expect(await page.getByRole('searchbox').inputValue()).toBe(WORD);

    // Someone else opens the link: the same filters, over what they may read (the marketer requested these).
    const other = await browser.newUser({ viewport: DESKTOP, label: 'marketer (desktop)' });
    await signIn(other.page, 'marketer', href ?? '/');
    await showsTheFiveTickets(other.page);
    expect(await other.page.getByLabel('Sort').inputValue()).toBe('number');

    // Bulk: select the page, set the priority.
    await page.getByRole('checkbox', { name: 'Select all tickets on this page' }).check();
    await page.getByRole('region', { name: 'Selected tickets' }).getByText('selected').waitFor({ timeout: WAIT_MS });
    await viewsButton(page).click();
    await assertAccessible(page, 'tickets list, rows selected and views open (desktop)');
    await screenshot(page, 'views-and-bulk-list');
    await page.keyboard.press('Escape');
    await page.getByRole('region', { name: 'Selected tickets' }).locator('select').first().selectOption('URGENT');
    await page.getByRole('button', { name: 'Set priority' }).click();
    await page.getByRole('status').filter({ hasText: '5 changed.' }).waitFor({ timeout: WAIT_MS });
    await expect.poll(() => page.locator('tbody .ticket-row', { hasText: 'Urgent' }).count(), { timeout: WAIT_MS }).toBe(5);
    await screenshot(page, 'views-and-bulk-done');

    // Each ticket has its own history entry of the change, by the admin.
    const token = await tokenFor('admin');
    for (const ticket of tickets) {
      const data = await graphql<{ node: { history: { nodes: { action: string; actor: { username: string }; changes: { field: string; to: string }[] }[] } } }>(
        'query ($id: ID!) { node(id: $id) { ... on Ticket { history(first: 10) { nodes { action actor { username } changes { field to } } } } } }',
        { id: ticket.id },
        token,
      );
      const updates = data.node.history.nodes.filter((entry) => entry.action === 'UPDATED');
      expect(updates).toEqual([{ action: 'UPDATED', actor: { username: 'admin' }, changes: [{ field: 'priority', to: 'URGENT' }] }]);
    }
    // And the ticket page shows it.
    await page.goto(`${inject('baseUrl')}/tickets/${tickets[0]?.number}`);
    await page
      .getByText(/Urgent/)
      .first()
      .waitFor({ timeout: WAIT_MS });
  });

  it('on a phone: select rows, open the views, all reachable; axe clean', async () => {
    const { page } = await browser.newUser({ viewport: PHONE, label: 'admin (phone)' });
    await signIn(page, 'admin', `/tickets?q=${WORD}`);
    await showsTheFiveTickets(page);
    await page.getByRole('checkbox', { name: `Select #${tickets[0]?.number}` }).check();
    await page.getByRole('checkbox', { name: `Select #${tickets[2]?.number}` }).click({ modifiers: ['Shift'] });
    await page.getByRole('region', { name: 'Selected tickets' }).getByText('selected').waitFor({ timeout: WAIT_MS });
    expect(await page.getByRole('region', { name: 'Selected tickets' }).locator('strong').textContent()).toBe('3');
    await viewsButton(page).click();
    await page.getByRole('link', { name: `Posters ${WORD}` }).waitFor({ timeout: WAIT_MS });
    await assertAccessible(page, 'tickets list, rows selected and views open (phone)');
    await screenshot(page, 'views-and-bulk-list');
  });

  it('the board keeps its views too: saved, reloaded, opened', async () => {
    const { page } = await browser.newUser({ viewport: DESKTOP, label: 'admin (board)' });
    await signIn(page, 'admin', '/board?priority=URGENT');
    await viewsButton(page).click();
    await page.getByLabel('Name of this view').fill(`Urgent board ${WORD}`);
    await page.getByRole('button', { name: 'Save current filters' }).click();
    const viewLink = page.getByRole('link', { name: `Urgent board ${WORD}` });
    await viewLink.waitFor({ timeout: WAIT_MS });
    await assertAccessible(page, 'board, views open');
    await screenshot(page, 'views-and-bulk-board');

    await page.goto(`${inject('baseUrl')}/board`);
    await viewsButton(page).click();
    await viewLink.click();
    await page.waitForURL((url) => url.pathname === '/board' && url.searchParams.get('priority') === 'URGENT', { timeout: WAIT_MS });
    // The list's views are not the board's.
    await viewsButton(page).click();
    expect(await page.getByRole('link', { name: `Posters ${WORD}` }).count()).toBe(0);
  });
});
