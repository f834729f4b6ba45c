// Running the team without GraphiQL: an admin approves a registration and the person signs in; an admin
// creates an account, resets its password and its owner must choose a new one; a manager restores a ticket
// from the trash and finds it on the board. Then every administration page at desktop and phone width:
// axe finds nothing serious or critical, the console stays clean, a screenshot lands in e2e/screenshots/.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { assertAccessible } from './support/a11y.ts';
import { graphql, tokenFor } from './support/api.ts';
import { signIn } from './support/auth.ts';
import { COLUMNS, card, column } from './support/board.ts';
import { DESKTOP, PHONE, type UserPage, useBrowser, type Viewport } from './support/browser.ts';
import { screenshot } from './support/screenshots.ts';

const WAIT_MS = 15_000;
const NEW_PASSWORD = 'a-new-password-42';

const browser = useBrowser();

/** A REQUESTED ticket of Marketing, requested by the marketer. */
async function newTicket(title: string): Promise<{ id: string; number: number; title: string }> {
  const created = await graphql<{ createTicket: { ticket: { id: string; number: number } } }>(
    'mutation ($input: CreateTicketInput!) { createTicket(input: $input) { ticket { id number } } }',
    { input: { title, description: 'Made by the admin end-to-end test.', priority: 'LOW', requestType: 'WEBSITE_BANNER' } },
    await tokenFor('marketer'),
  );
  return { ...created.createTicket.ticket, title };
}

/** A new ticket, moved to the trash by its department's manager. */
async function trashedTicket(title: string): Promise<{ number: number; title: string }> {
  const ticket = await newTicket(title);
  await graphql(
    'mutation ($input: DeleteTicketInput!) { deleteTicket(input: $input) { ticket { id } } }',
    { input: { id: ticket.id, reason: 'e2e' } },
    await tokenFor('marketing.manager'),
  );
  return ticket;
}

/** Signs in through the login page with any password and waits to leave /login. */
async function signInWith(page: Page, username: string, password: string): Promise<void> {
  await page.goto(`${inject('baseUrl')}/login`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: WAIT_MS });
}

async function oneTimePassword(page: Page, username: string): Promise<string> {
  const region = page.getByRole('region', { name: `One-time password for @${username}` });
  await region.waitFor({ timeout: WAIT_MS });
  const password = await region.getByLabel('One-time password').inputValue();
  expect(password.length).toBeGreaterThanOrEqual(8);
  return password;
}

describe('administration flows', () => {
  it('approves a registered person in Users, who can then sign in', async () => {
    const newcomer = await browser.newUser({ label: 'newcomer' });
    await newcomer.page.goto(`${inject('baseUrl')}/register`);
    await newcomer.page.getByLabel('Username').fill('e2e.newcomer');
    await newcomer.page.getByLabel('E-mail').fill('e2e.newcomer@example.com');
    await newcomer.page.getByLabel('Display name').fill('Nina Newcomer');
    await newcomer.page.getByLabel('Department').selectOption({ label: 'Sales' });
    await newcomer.page.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD);
    await newcomer.page.getByLabel('Confirm password').fill(NEW_PASSWORD);
    await newcomer.page.getByRole('button', { name: 'Create account' }).click();
    await newcomer.page.getByRole('heading', { name: 'Waiting for approval' }).waitFor({ timeout: WAIT_MS });

    const admin = await browser.newUser({ label: 'admin' });
    await signIn(admin.page, 'admin', '/admin/users');
    const pending = admin.page.getByRole('region', { name: /Waiting for approval/ });
    await pending.getByText('@e2e.newcomer').waitFor({ timeout: WAIT_MS });
    await assertAccessible(admin.page, 'users with a pending registration');
    await screenshot(admin.page, 'admin-users-pending');
    await pending.getByRole('button', { name: 'Approve Nina Newcomer' }).click();
    // Approved: out of the waiting list, into the people table.
    await admin.page.getByRole('row', { name: /Nina Newcomer/ }).waitFor({ timeout: WAIT_MS });
    // The two lists are read again independently: the table may show her a moment before the waiting list drops her.
    await admin.page.getByRole('button', { name: 'Approve Nina Newcomer' }).waitFor({ state: 'detached', timeout: WAIT_MS });

    await signInWith(newcomer.page, 'e2e.newcomer', NEW_PASSWORD);
    expect(new URL(newcomer.page.url()).pathname).toBe('/');
    await newcomer.page.getByRole('button', { name: /Account: Nina Newcomer/ }).waitFor({ timeout: WAIT_MS });
  });

  it('creates a user, resets their password, and the user must choose a new one', async () => {
    const admin = await browser.newUser({ label: 'admin (accounts)' });
    await signIn(admin.page, 'admin', '/admin/users');
    await admin.page.getByRole('button', { name: 'Create user' }).click();
    await admin.page.getByLabel('Username').fill('e2e.reset');
    await admin.page.getByLabel('Display name').fill('Rita Reset');
    await admin.page.getByLabel('E-mail').fill('e2e.reset@example.com');
    await admin.page.getByLabel('Department', { exact: true }).selectOption({ label: 'Marketing' });
    await assertAccessible(admin.page, 'create user form');
    await admin.page.getByRole('button', { name: 'Create user' }).last().click();
    const first = await oneTimePassword(admin.page, 'e2e.reset');
    await admin.page.getByRole('button', { name: 'Done' }).click();

    await admin.page.getByRole('button', { name: 'Reset password for Rita Reset' }).click();
    const dialog = admin.page.getByRole('dialog', { name: 'Reset the password of Rita Reset?' });
    await dialog.waitFor({ timeout: WAIT_MS });
    await assertAccessible(admin.page, 'reset password dialog');
    await dialog.getByRole('button', { name: 'Reset password' }).click();
    const reset = await oneTimePassword(admin.page, 'e2e.reset');
    expect(reset).not.toBe(first);
    await assertAccessible(admin.page, 'one-time password');
    await screenshot(admin.page, 'admin-users-one-time-password');

    const user = await browser.newUser({ label: 'e2e.reset' });
    await signInWith(user.page, 'e2e.reset', reset);
    await user.page.getByRole('heading', { name: 'Choose a new password' }).waitFor({ timeout: WAIT_MS });
    expect(new URL(user.page.url()).pathname).toBe('/change-password');
    // Nothing else opens before the change.
    await user.page.goto(`${inject('baseUrl')}/board`);
    await user.page.waitForURL((url) => url.pathname === '/change-password', { timeout: WAIT_MS });
    await user.page.getByLabel('One-time password').fill(reset);
    await user.page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await user.page.getByLabel('Confirm new password').fill(NEW_PASSWORD);
    await user.page.getByRole('button', { name: 'Change password' }).click();
    await user.page.waitForURL((url) => url.pathname === '/', { timeout: WAIT_MS });

    // The admin sees the account no longer waiting for a change.
    await admin.page.reload();
    const row = admin.page.getByRole('row', { name: /Rita Reset/ });
    await row.waitFor({ timeout: WAIT_MS });
    expect(await row.getByText('Must change password').count()).toBe(0);
  });

  it('lets a manager restore a ticket from the trash, and it is back on the board', async () => {
    const ticket = await trashedTicket('Trashed banner to restore');
    const manager = await browser.newUser({ label: 'marketing.manager' });
    await signIn(manager.page, 'marketing.manager', '/trash');
    const row = manager.page.getByRole('row', { name: new RegExp(`#${ticket.number} ${ticket.title}`) });
    await row.waitFor({ timeout: WAIT_MS });
    // Purging is for admins only.
    expect(await manager.page.getByRole('button', { name: /Delete for good/ }).count()).toBe(0);
    await row.getByRole('button', { name: `Restore #${ticket.number}` }).click();
    await manager.page.getByRole('status').getByText(`#${ticket.number} ${ticket.title} is back.`).waitFor({ timeout: WAIT_MS });
    await row.waitFor({ state: 'detached', timeout: WAIT_MS });

    await manager.page.getByRole('link', { name: 'Open the board' }).click();
    await card(column(manager.page, COLUMNS.REQUESTED), ticket.number).waitFor({ timeout: WAIT_MS });
  });

  it('lets an admin purge a ticket only after confirming', async () => {
    const ticket = await trashedTicket('Trashed banner to purge');
    const admin = await browser.newUser({ label: 'admin (trash)' });
    await signIn(admin.page, 'admin', '/trash');
    await admin.page.getByRole('button', { name: `Delete for good #${ticket.number}` }).click();
    const dialog = admin.page.getByRole('dialog', { name: `Delete #${ticket.number} for good?` });
    await dialog.waitFor({ timeout: WAIT_MS });
    await assertAccessible(admin.page, 'purge dialog');
    await screenshot(admin.page, 'trash-purge-dialog');
    await admin.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached', timeout: WAIT_MS });

    await admin.page.getByRole('button', { name: `Delete for good #${ticket.number}` }).click();
    await dialog.getByRole('button', { name: 'Delete for good' }).click();
    await admin.page.getByText(`#${ticket.number} was deleted for good.`).waitFor({ timeout: WAIT_MS });
    await admin.page.getByRole('row', { name: new RegExp(`#${ticket.number} `) }).waitFor({ state: 'detached', timeout: WAIT_MS });
  });

  it('filters the activity log in the URL and shows new entries live', async () => {
    const admin = await browser.newUser({ label: 'admin (activity)' });
    await signIn(admin.page, 'admin', '/activity');
    await admin.page.getByRole('list', { name: 'Activity, newest first' }).waitFor({ timeout: WAIT_MS });
    await admin.page.getByLabel('Person').selectOption({ label: 'Mia Marketer' });
    await admin.page.waitForURL((url) => url.searchParams.has('person'), { timeout: WAIT_MS });
    const ticket = await newTicket('Banner seen in the activity log');
    // The marketer created it (after the page loaded): the entry arrives without a reload.
    await admin.page
      .getByRole('link', { name: `#${ticket.number} ${ticket.title}` })
      .first()
      .waitFor({ timeout: WAIT_MS });
    // Who did it is said once, by display name: the summary's leading username is not repeated.
    const entry = admin.page.getByRole('listitem').filter({ has: admin.page.getByRole('link', { name: `#${ticket.number} ${ticket.title}` }) });
    expect(await entry.first().locator('p').first().textContent()).toBe(`Mia Marketer requested #${ticket.number} ${ticket.title}`);
    await admin.page.getByLabel('Ticket number').fill(String(ticket.number));
    await admin.page.getByLabel('Ticket number').press('Enter');
    await admin.page.waitForURL((url) => url.searchParams.get('ticket') === String(ticket.number), { timeout: WAIT_MS });
    await admin.page.reload();
    expect(await admin.page.getByLabel('Ticket number').inputValue()).toBe(String(ticket.number));
    await admin.page
      .getByRole('link', { name: `#${ticket.number} ${ticket.title}` })
      .first()
      .waitFor({ timeout: WAIT_MS });
  });
});

/** Path, and what shows that the page has rendered its content (not only its loading state). */
const PAGES: { name: string; path: string; ready: (page: Page) => Promise<void> }[] = [
  { name: 'admin-users', path: '/admin/users', ready: (page) => page.getByRole('row', { name: /Marketer/ }).waitFor({ timeout: WAIT_MS }) },
  { name: 'admin-departments', path: '/admin/departments', ready: (page) => page.getByRole('heading', { name: /^Creative/ }).waitFor({ timeout: WAIT_MS }) },
  {
    name: 'admin-products',
    path: '/admin/products',
    ready: (page) => page.getByRole('table', { name: 'Products' }).or(page.getByText('No products yet.')).waitFor({ timeout: WAIT_MS }),
  },
  {
    name: 'trash',
    path: '/trash',
    ready: (page) => page.getByRole('table', { name: 'Deleted tickets' }).or(page.getByText('The trash is empty.')).waitFor({ timeout: WAIT_MS }),
  },
  { name: 'activity', path: '/activity', ready: (page) => page.getByRole('list', { name: 'Activity, newest first' }).waitFor({ timeout: WAIT_MS }) },
];

const widths: [string, Viewport][] = [
  ['desktop', DESKTOP],
  ['phone', PHONE],
];

describe.each(widths)('administration pages at %s width', (width, viewport) => {
  let person: UserPage;

  beforeAll(async () => {
    await trashedTicket(`Trashed at ${width} width`);
    person = await browser.newUser({ viewport, label: `admin (${width})` });
    await signIn(person.page, 'admin');
  });

  it.each(PAGES.map((page) => [page.name, page] as const))('shows the %s page', async (name, target) => {
    await person.page.goto(`${inject('baseUrl')}${target.path}`);
    await target.ready(person.page);
    await person.page.waitForLoadState('networkidle');
    const alerts = await person.page.getByRole('alert').allInnerTexts();
    expect(alerts, `${name} (${width}) shows errors`).toEqual([]);
    // Only the parts meant to scroll sideways (the board's columns, wide tables) do: never the page itself.
    const overflow = await person.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${name} (${width}) scrolls sideways by`).toBe(0);
    await assertAccessible(person.page, `${name} (${width})`);
    await screenshot(person.page, name);
  });

  it('shows the management sections in the menu by role', async () => {
    await person.page.goto(`${inject('baseUrl')}/`);
    if (width === 'phone') await person.page.getByRole('button', { name: 'Menu' }).click();
    const nav = person.page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Manage' }).click();
    const tabs = person.page.getByRole('navigation', { name: 'Manage' });
    for (const label of ['Users', 'Trash', 'Activity', 'Departments', 'Products']) {
      await tabs.getByRole('link', { name: label }).waitFor({ timeout: WAIT_MS });
    }
    await screenshot(person.page, 'nav-admin');
  });

  it('marks the open section in the menu, and only it', async () => {
    const nav = person.page.getByRole('navigation', { name: 'Main' });
    for (const [path, section] of [
      ['/', 'Dashboard'],
      ['/board', 'Board'],
      ['/tickets', 'Tickets'],
      ['/analytics', 'Reports'],
      ['/reports/monthly', 'Reports'],
      ['/trash', 'Manage'],
    ] as const) {
      await person.page.goto(`${inject('baseUrl')}${path}`);
      if (width === 'phone') await person.page.getByRole('button', { name: 'Menu' }).click();
      await nav.getByRole('link', { name: section, exact: true }).waitFor({ timeout: WAIT_MS });
      const marked = await nav.locator('a.main-nav-link-active').allTextContents();
      expect(marked, `the section marked on ${path}`).toEqual([section]);
    }
  });
});

describe('a manager', () => {
  it('sees the department read-only in Users, and no admin-only sections', async () => {
    const manager = await browser.newUser({ label: 'creative.manager (users)' });
    await signIn(manager.page, 'creative.manager', '/admin/users');
    await manager.page
      .getByRole('row', { name: /Designer/ })
      .first()
      .waitFor({ timeout: WAIT_MS });
    expect(await manager.page.getByRole('button', { name: 'Create user' }).count()).toBe(0);
    expect(await manager.page.getByRole('combobox', { name: /^Role of/ }).count()).toBe(0);
    expect(await manager.page.getByRole('row', { name: /Marketer/ }).count()).toBe(0);
    const nav = manager.page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link', { name: 'Departments' }).count()).toBe(0);
    const tabs = manager.page.getByRole('navigation', { name: 'Manage' });
    await tabs.getByRole('link', { name: 'Trash' }).waitFor({ timeout: WAIT_MS });
    expect(await tabs.getByRole('link', { name: 'Departments' }).count()).toBe(0);
    await assertAccessible(manager.page, 'users as a manager');
    await screenshot(manager.page, 'admin-users-manager');
  });
});
