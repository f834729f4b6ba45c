// Issue 25's defects 4, 5 and 9 as people meet them: a deleted ticket takes the person back to the list they came
// from and comes back with Undo; deactivating someone asks first and can be undone; assigning takes the deadline
// and collaborators in one dialog; My tasks keeps open work apart from what is done; a requester asks again
// for a rejected request, and deleting the copy lands on the list with word of who can restore it, which their
// trash lists. At desktop and phone width: axe finds nothing serious, a screenshot of each step.
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { assertAccessible } from './support/a11y.ts';
import { graphql, tokenFor } from './support/api.ts';
import { signIn } from './support/auth.ts';
import { DESKTOP, PHONE, useBrowser, type Viewport } from './support/browser.ts';
import { screenshot } from './support/screenshots.ts';

const WAIT_MS = 15_000;
const browser = useBrowser();
const sizeOf = (viewport: Viewport) => (viewport === DESKTOP ? 'desktop' : 'phone');

/** A REQUESTED ticket of Marketing, requested by the marketer. */
async function newTicket(title: string, input: Record<string, unknown> = {}): Promise<{ id: string; number: number; version: number }> {
  const created = await graphql<{ createTicket: { ticket: { id: string; number: number; version: number } } }>(
    'mutation ($input: CreateTicketInput!) { createTicket(input: $input) { ticket { id number version } } }',
    { input: { title, description: 'Made by the undo end-to-end test.', priority: 'LOW', requestType: 'WEBSITE_BANNER', ...input } },
    await tokenFor('marketer'),
  );
  return created.createTicket.ticket;
}

async function approve(id: string, who: string): Promise<void> {
  await graphql('mutation ($input: ApproveTicketInput!) { approveTicket(input: $input) { ticket { id } } }', { input: { id } }, await tokenFor(who));
}

const toast = (page: Page) => page.locator('.toast-region');

describe.each([DESKTOP, PHONE])('at %o', (viewport) => {
  const size = sizeOf(viewport);

  it('after a delete, goes back to the list it came from, and Undo brings the ticket back', async () => {
    const title = `Undo me ${size}`;
    const ticket = await newTicket(title);
    const manager = await browser.newUser({ viewport, label: `marketing.manager ${size}` });
    await signIn(manager.page, 'marketing.manager', `/tickets?q=${encodeURIComponent(title)}`);
    await manager.page.getByRole('link', { name: new RegExp(title) }).click();
    await manager.page.getByRole('heading', { name: title }).waitFor({ timeout: WAIT_MS });
    await manager.page.getByRole('group', { name: 'Ticket actions' }).getByRole('button', { name: 'Delete' }).click();
    const dialog = manager.page.getByRole('dialog', { name: `Delete #${ticket.number}` });
    await dialog.getByRole('button', { name: 'Delete' }).click();

    // Back on the list, not on "Ticket not found"; the toast says what happened and offers Undo.
    await manager.page.waitForURL((url) => url.pathname === '/tickets', { timeout: WAIT_MS });
    await toast(manager.page).getByText(`Moved #${ticket.number} to the trash.`).waitFor({ timeout: WAIT_MS });
    expect(await manager.page.getByRole('heading', { name: 'Ticket not found' }).count()).toBe(0);
    await assertAccessible(manager.page, `list after a delete (${size})`);
    await screenshot(manager.page, 'undo-delete-toast');
    await toast(manager.page).getByRole('button', { name: 'Undo' }).click();
    await toast(manager.page).getByText(`Restored #${ticket.number}.`).waitFor({ timeout: WAIT_MS });
    const back = await graphql<{ ticket: { deletedAt: string | null } }>(
      'query ($id: ID!) { ticket(id: $id) { deletedAt } }',
      { id: ticket.id },
      await tokenFor('marketing.manager'),
    );
    expect(back.ticket.deletedAt).toBeNull();
    await manager.page.goto(`${inject('baseUrl')}/tickets/${ticket.number}`);
    await manager.page.getByRole('heading', { name: title }).waitFor({ timeout: WAIT_MS });
  });

  it('asks before deactivating a person, and Undo reactivates them', async () => {
    const username = `e2e.undo.${size}`;
    await graphql(
      'mutation ($input: CreateUserInput!) { createUser(input: $input) { user { id } } }',
      { input: { username, email: `${username}@example.com`, displayName: `Ulla ${size}`, role: 'MEMBER' } },
      await tokenFor('admin'),
    );
    const admin = await browser.newUser({ viewport, label: `admin ${size}` });
    await signIn(admin.page, 'admin', `/admin/users?q=${username}`);
    const active = admin.page.getByLabel(`Active: Ulla ${size}`);
    await active.waitFor({ timeout: WAIT_MS });
    await active.click();
    const dialog = admin.page.getByRole('dialog', { name: `Deactivate Ulla ${size}?` });
    await dialog.waitFor({ timeout: WAIT_MS });
    expect(await active.isChecked()).toBe(true);
    await assertAccessible(admin.page, `deactivation dialog (${size})`);
    await screenshot(admin.page, 'undo-deactivate-dialog');
    await dialog.getByRole('button', { name: 'Deactivate' }).click();
    await toast(admin.page).getByText(`Deactivated Ulla ${size}.`).waitFor({ timeout: WAIT_MS });
    await expect.poll(() => active.isChecked(), { timeout: WAIT_MS }).toBe(false);
    await screenshot(admin.page, 'undo-deactivate-toast');
    await toast(admin.page).getByRole('button', { name: 'Undo' }).click();
    await toast(admin.page).getByText(`Reactivated Ulla ${size}.`).waitFor({ timeout: WAIT_MS });
    await expect.poll(() => active.isChecked(), { timeout: WAIT_MS }).toBe(true);
  });

  it('assigns with a deadline and a collaborator in one dialog', async () => {
    const title = `Assign at once ${size}`;
    const ticket = await newTicket(title);
    await approve(ticket.id, 'marketing.manager');
    await approve(ticket.id, 'creative.manager');
    const manager = await browser.newUser({ viewport, label: `creative.manager ${size}` });
    await signIn(manager.page, 'creative.manager', `/tickets/${ticket.number}`);
    await manager.page.getByRole('group', { name: 'Ticket actions' }).getByRole('button', { name: 'Assign' }).click();
    const dialog = manager.page.getByRole('dialog', { name: `Assign #${ticket.number}` });
    await dialog.getByRole('radiogroup', { name: 'Assignee' }).getByText('@designer', { exact: true }).click();
    await dialog.getByLabel('Due (optional)').fill('2099-05-04T17:30');
    await dialog.getByRole('group', { name: 'Collaborators (optional)' }).getByText('@designer2', { exact: true }).click();
    await assertAccessible(manager.page, `assign dialog (${size})`);
    await screenshot(manager.page, 'assign-one-step-dialog');
    await dialog.getByRole('button', { name: 'Assign' }).click();
    await dialog.waitFor({ state: 'detached', timeout: WAIT_MS });
    const after = await graphql<{
      ticket: { dueDate: string; assignee: { username: string }; collaborators: { username: string }[]; history: { totalCount: number } };
    }>(
      'query ($id: ID!) { ticket(id: $id) { dueDate assignee { username } collaborators { username } history(first: 1) { totalCount } } }',
      { id: ticket.id },
      await tokenFor('admin'),
    );
    expect(after.ticket.assignee.username).toBe('designer');
    expect(after.ticket.collaborators.map((user) => user.username)).toEqual(['designer2']);
    expect(new Date(after.ticket.dueDate).getFullYear()).toBe(2099);
    // Created, two approvals, one assignment.
    expect(after.ticket.history.totalCount).toBe(4);
    await screenshot(manager.page, 'assign-one-step-ticket');
  });

  it('shows open work apart from what is done in My tasks', async () => {
    const designer = await browser.newUser({ viewport, label: `designer ${size}` });
    await signIn(designer.page, 'designer', '/my-tasks');
    const sides = designer.page.getByRole('navigation', { name: 'Open or done' });
    await designer.page.getByRole('table', { name: 'Open tasks' }).waitFor({ timeout: WAIT_MS });
    const openStatuses = await designer.page.getByRole('table', { name: 'Open tasks' }).locator('.badge-status').allTextContents();
    for (const status of openStatuses) expect(['Completed', 'Closed', 'Rejected']).not.toContain(status.trim());
    // The pointer rests where the sign-in button was: off the rows, so axe reads them as they are (not hovered).
    await designer.page.mouse.move(0, 0);
    await assertAccessible(designer.page, `my tasks, open (${size})`);
    await screenshot(designer.page, 'my-tasks-open');
    await sides.getByRole('link', { name: /^Done/ }).click();
    await designer.page.getByRole('table', { name: 'Done tasks' }).waitFor({ timeout: WAIT_MS });
    await screenshot(designer.page, 'my-tasks-done');
  });

  it('lets a requester ask again for a rejected request, as a copy that links back, and find the copy in their trash once deleted', async () => {
    const title = `Ask again ${size}`;
    const ticket = await newTicket(title, { description: 'Two banners for the summer sale.' });
    await graphql(
      'mutation ($input: RejectTicketInput!) { rejectTicket(input: $input) { ticket { id } } }',
      { input: { id: ticket.id, reason: 'Give the sale dates' } },
      await tokenFor('marketing.manager'),
    );
    const marketer = await browser.newUser({ viewport, label: `marketer ${size}` });
    await signIn(marketer.page, 'marketer', `/tickets/${ticket.number}`);
    await marketer.page.getByRole('link', { name: 'Request again' }).waitFor({ timeout: WAIT_MS });
    await assertAccessible(marketer.page, `rejected request (${size})`);
    await screenshot(marketer.page, 'request-again-rejected');
    await marketer.page.getByRole('link', { name: 'Request again' }).click();
    await marketer.page.waitForURL((url) => url.pathname === '/new', { timeout: WAIT_MS });
    await expect.poll(() => marketer.page.getByLabel('Title').inputValue(), { timeout: WAIT_MS }).toBe(title);
    await marketer.page
      .getByRole('note')
      .getByText(/Give the sale dates/)
      .waitFor({ timeout: WAIT_MS });
    await assertAccessible(marketer.page, `request again (${size})`);
    await screenshot(marketer.page, 'request-again-form');
    await marketer.page.getByRole('button', { name: 'Send request' }).click();
    await marketer.page.waitForURL((url) => /^\/tickets\/\d+$/.test(url.pathname) && url.pathname !== `/tickets/${ticket.number}`, { timeout: WAIT_MS });
    const link = marketer.page.locator('.ticket-description').getByRole('link', { name: `#${ticket.number}` });
    await link.waitFor({ timeout: WAIT_MS });
    await screenshot(marketer.page, 'request-again-new-ticket');
    await link.click();
    await marketer.page.getByRole('heading', { name: title }).waitFor({ timeout: WAIT_MS });

    // Deleting the request just sent lands on the list, not back on the form; the toast says who can restore it
    // (a requester may not) and leads to their trash, where it is listed without a refusal.
    await marketer.page.goBack();
    const again = Number(new URL(marketer.page.url()).pathname.split('/').pop());
    await marketer.page.getByRole('group', { name: 'Ticket actions' }).getByRole('button', { name: 'Delete' }).click();
    await marketer.page
      .getByRole('dialog', { name: `Delete #${again}` })
      .getByRole('button', { name: 'Delete' })
      .click();
    await marketer.page.waitForURL((url) => url.pathname === '/tickets', { timeout: WAIT_MS });
    await toast(marketer.page).getByText(`Moved #${again} to the trash. A manager or an admin can restore it.`).waitFor({ timeout: WAIT_MS });
    await toast(marketer.page).getByRole('link', { name: 'Open the trash' }).click();
    const row = marketer.page.getByRole('row', { name: new RegExp(`#${again} ${title}`) });
    await row.getByText('A manager or an admin can restore it.').waitFor({ timeout: WAIT_MS });
    expect(await marketer.page.getByRole('alert').count()).toBe(0);
    await assertAccessible(marketer.page, `requester's trash (${size})`);
    await screenshot(marketer.page, 'trash-requester');
  });
});
