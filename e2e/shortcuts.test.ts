// Issue 25, fast hands: the single-key shortcuts (c, j/k, ?, g b), the board's search box, Undo of an approval
// made by mistake, and the light/dark switch remembered across a reload. At desktop and phone width, in both
// themes: axe finds nothing serious, a screenshot of each.
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { assertAccessible } from './support/a11y.ts';
import { graphql, tokenFor } from './support/api.ts';
import { signIn } from './support/auth.ts';
import { COLUMNS, column } from './support/board.ts';
import { DESKTOP, PHONE, useBrowser, type Viewport } from './support/browser.ts';
import { screenshot } from './support/screenshots.ts';

const WAIT_MS = 15_000;
const browser = useBrowser();
const sizeOf = (viewport: Viewport) => (viewport === DESKTOP ? 'desktop' : 'phone');

async function newTicket(title: string, requester = 'marketer'): Promise<{ id: string; number: number }> {
  const created = await graphql<{ createTicket: { ticket: { id: string; number: number } } }>(
    'mutation ($input: CreateTicketInput!) { createTicket(input: $input) { ticket { id number } } }',
    { input: { title, description: 'Made by the shortcuts end-to-end test.', priority: 'LOW', requestType: 'WEBSITE_BANNER' } },
    await tokenFor(requester),
  );
  return created.createTicket.ticket;
}

/** The accessible name of the focused element (a card's link is named "#<number> <title>"). */
const focusedName = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent?.trim() ?? '');

const pageBackground = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

describe.each([DESKTOP, PHONE])('at %o', (viewport) => {
  const size = sizeOf(viewport);
  const phone = viewport === PHONE;
  // Each person has a query budget a minute: the tests spread over several people as a team would.
  const people = phone
    ? { keys: 'marketing.manager', search: 'admin', undo: { requester: 'seller', approver: 'sales.manager' }, theme: 'designer' }
    : { keys: 'sales.manager', search: 'admin', undo: { requester: 'marketer', approver: 'marketing.manager' }, theme: 'creative.manager' };

  it('moves through the board with j and k, shows the shortcuts on ?, opens the request form with c, goes back with g b', async () => {
    const person = await browser.newUser({ viewport, label: `${people.keys} shortcuts ${size}` });
    const { page } = person;
    await signIn(page, people.keys, '/board');
    // j starts at the first card of the first column with cards (the person's board decides which).
    await page.locator('.board-column-cards .board-card-title').first().waitFor({ timeout: WAIT_MS });
    const firstColumn = page.locator('.board-column-cards').first().locator('.board-card-title');
    expect(await firstColumn.count()).toBeGreaterThan(1);
    const [first, second] = [await firstColumn.nth(0).getAttribute('aria-label'), await firstColumn.nth(1).getAttribute('aria-label')];

    await page.keyboard.press('j');
    expect(await focusedName(page)).toBe(first);
    await page.keyboard.press('j');
    expect(await focusedName(page)).toBe(second);
    await page.keyboard.press('k');
    expect(await focusedName(page)).toBe(first);
    await page.keyboard.press('ArrowDown');
    expect(await focusedName(page)).toBe(second);
    await screenshot(page, 'shortcuts-board-focus');

    // A roving tabindex: the card the keys moved to is its column's one tab stop, so Tab leaves the column
    // (not card after card) and Shift+Tab comes back to that card.
    const tabIndexes = await firstColumn.evaluateAll((cards) => cards.map((card) => (card as HTMLElement).tabIndex));
    expect(tabIndexes[1]).toBe(0);
    expect(tabIndexes.filter((index) => index === 0)).toHaveLength(1);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('.board-column-cards') === document.querySelector('.board-column-cards'))).toBe(false);
    await page.keyboard.press('Shift+Tab');
    expect(await focusedName(page)).toBe(second);

    await page.keyboard.press('?');
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await sheet.waitFor({ timeout: WAIT_MS });
    expect(await sheet.getByText('New request').count()).toBe(1);
    await assertAccessible(page, `shortcuts sheet (${size})`);
    await screenshot(page, 'shortcuts-sheet');
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'detached', timeout: WAIT_MS });

    await page.keyboard.press('c');
    await page.waitForURL((url) => url.pathname === '/tickets/new', { timeout: WAIT_MS });
    await page.getByRole('heading', { level: 1 }).first().waitFor({ timeout: WAIT_MS });
    // Typing in the form's fields types; it never jumps away.
    const title = page.getByLabel('Title', { exact: true });
    await title.fill('');
    await title.pressSequentially('gbc');
    expect(await title.inputValue()).toBe('gbc');
    expect(new URL(page.url()).pathname).toBe('/tickets/new');

    await page.locator('body').click({ position: { x: 2, y: 2 } });
    await page.keyboard.press('g');
    await page.keyboard.press('b');
    await page.waitForURL((url) => url.pathname === '/board', { timeout: WAIT_MS });
    person.assertNoErrors();
  });

  it("filters the board's cards by words typed in its search box", async () => {
    const words = `Zebra stripes ${size} ${Date.now()}`;
    const ticket = await newTicket(words);
    const person = await browser.newUser({ viewport, label: `${people.search} board search ${size}` });
    const { page } = person;
    await signIn(page, people.search, '/board');
    const cards = column(page, COLUMNS.REQUESTED).getByRole('link', { name: /^#\d+ / });
    await cards.nth(1).waitFor({ timeout: WAIT_MS });
    await page.getByRole('searchbox', { name: 'Search' }).fill(words);
    await expect.poll(() => cards.count(), { timeout: WAIT_MS }).toBe(1);
    expect(await cards.first().getAttribute('aria-label')).toBe(`#${ticket.number} ${words}`);
    expect(new URL(page.url()).searchParams.get('q')).toBe(words);
    await assertAccessible(page, `board searched (${size})`);
    await screenshot(page, 'shortcuts-board-search');
    person.assertNoErrors();
  });

  it('undoes an approval made by mistake: the ticket is as before, with a rollback entry', async () => {
    const title = `Approved by mistake ${size}`;
    const ticket = await newTicket(title, people.undo.requester);
    const person = await browser.newUser({ viewport, label: `${people.undo.approver} undo ${size}` });
    const { page } = person;
    await signIn(page, people.undo.approver, `/tickets/${ticket.number}`);
    await page.getByRole('heading', { name: title }).waitFor({ timeout: WAIT_MS });
    await page.getByRole('group', { name: 'Ticket actions' }).getByRole('button', { name: 'Approve' }).click();
    const dialog = page.getByRole('dialog', { name: `Approve #${ticket.number}` });
    await dialog.getByRole('button', { name: 'Approve' }).click();
    const toast = page.locator('.toast-region');
    await toast.getByText(`Approved #${ticket.number}.`).waitFor({ timeout: WAIT_MS });
    await screenshot(page, 'undo-approval-toast');
    // Undo first, axe after: axe on a loaded CI machine could outlast the toast's 10 s.
    await toast.getByRole('button', { name: 'Undo' }).click();
    await toast.getByText(`Undid the approval of #${ticket.number}.`).waitFor({ timeout: WAIT_MS });
    await assertAccessible(page, `approval undone, its toast (${size})`);

    const after = await graphql<{
      ticket: { status: string; history: { nodes: { action: string; fromStatus: string; toStatus: string; actor: { username: string } }[] } };
    }>(
      'query ($id: ID!) { ticket(id: $id) { status history(first: 3) { nodes { action fromStatus toStatus actor { username } } } } }',
      { id: ticket.id },
      await tokenFor('admin'),
    );
    expect(after.ticket.status).toBe('REQUESTED');
    expect(after.ticket.history.nodes.map((entry) => entry.action)).toEqual(['ROLLBACK', 'APPROVED', 'CREATED']);
    expect(after.ticket.history.nodes[0]).toMatchObject({ fromStatus: 'PENDING_CREATIVE', toStatus: 'REQUESTED', actor: { username: people.undo.approver } });
    // The page shows it too: Approve is offered again.
    await page.getByRole('group', { name: 'Ticket actions' }).getByRole('button', { name: 'Approve' }).waitFor({ timeout: WAIT_MS });
    person.assertNoErrors();
  });

  it('keeps the dark theme chosen across a reload, and the light one over a dark system', async () => {
    const person = await browser.newUser({ viewport, label: `${people.theme} theme ${size}` });
    const { page } = person;
    await signIn(page, people.theme, '/profile');
    const appearance = page.getByRole('group', { name: 'Theme' });
    await appearance.waitFor({ timeout: WAIT_MS });
    const light = await pageBackground(page);

    await appearance.getByRole('radio', { name: 'Dark' }).check();
    await expect.poll(() => pageBackground(page)).not.toBe(light);
    const dark = await pageBackground(page);
    await page.reload();
    // Before the app has rendered, the page is dark already (no light flash).
    expect(await page.evaluate(() => document.documentElement.classList.contains('is-dark'))).toBe(true);
    await appearance.waitFor({ timeout: WAIT_MS });
    expect(await pageBackground(page)).toBe(dark);
    expect(await appearance.getByRole('radio', { name: 'Dark' }).isChecked()).toBe(true);
    await assertAccessible(page, `profile, dark (${size})`);
    await screenshot(page, 'theme-profile-dark');
    for (const [path, name] of [
      ['/board', 'theme-board'],
      ['/', 'theme-dashboard'],
      ['/tickets', 'theme-tickets'],
    ] as const) {
      await page.goto(`${inject('baseUrl')}${path}`);
      await page.locator('#main h1').first().waitFor({ timeout: WAIT_MS });
      await page.waitForLoadState('networkidle');
      await assertAccessible(page, `${path}, dark (${size})`);
      await screenshot(page, `${name}-dark`);
    }

    // Light, chosen on a system that prefers dark: light wins.
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(`${inject('baseUrl')}/profile`);
    await appearance.getByRole('radio', { name: 'Light' }).check();
    await expect.poll(() => pageBackground(page)).toBe(light);
    for (const [path, name] of [
      ['/board', 'theme-board'],
      ['/', 'theme-dashboard'],
    ] as const) {
      await page.goto(`${inject('baseUrl')}${path}`);
      await page.locator('#main h1').first().waitFor({ timeout: WAIT_MS });
      await page.waitForLoadState('networkidle');
      expect(await pageBackground(page)).toBe(light);
      await assertAccessible(page, `${path}, light (${size})`);
      await screenshot(page, `${name}-light`);
    }
    // System again: the dark system decides.
    await page.goto(`${inject('baseUrl')}/profile`);
    await appearance.getByRole('radio', { name: 'System' }).check();
    await expect.poll(() => pageBackground(page)).toBe(dark);
    person.assertNoErrors();
  });
});
