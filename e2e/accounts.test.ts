// Accounts in the browser: a person registers and sees the waiting page (signing in says the account still
// waits), a one-time password is replaced before anything else, the bell counts a mention live, and the
// profile. Every new page is scanned with axe and photographed at desktop and phone width.
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { assertAccessible } from './support/a11y.ts';
import { graphql, someTicket, tokenFor } from './support/api.ts';
import { signIn } from './support/auth.ts';
import { DESKTOP, PHONE, useBrowser, type Viewport } from './support/browser.ts';
import { eventually } from './support/live.ts';
import { screenshot } from './support/screenshots.ts';

const WAIT_MS = 15_000;

const browser = useBrowser();

const widths: [string, Viewport][] = [
  ['desktop', DESKTOP],
  ['phone', PHONE],
];

/** A name no earlier run or test used (the e2e app's data lives as long as the whole run). */
function uniqueName(prefix: string): string {
  return `${prefix}.${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
}

/** Registers `username` through the API and has the admin approve it; returns its id. */
async function approvedAccount(username: string, password: string): Promise<string> {
  const departments = await graphql<{ departments: { id: string; name: string }[] }>('{ departments { id name } }');
  const sales = departments.departments.find((department) => department.name === 'Sales');
  const registered = await graphql<{ register: { user: { id: string } } }>('mutation ($input: RegisterInput!) { register(input: $input) { user { id } } }', {
    input: { username, email: `${username}@example.com`, displayName: `Test ${username}`, departmentId: sales?.id, password },
  });
  const id = registered.register.user.id;
  await graphql('mutation ($input: ApproveUserInput!) { approveUser(input: $input) { user { id } } }', { input: { id } }, await tokenFor('admin'));
  return id;
}

async function fillRegistration(page: Page, username: string) {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('E-mail').fill(`${username}@example.com`);
  await page.getByLabel('Display name').fill('Rita Register');
  await page.getByLabel('Department').selectOption({ label: 'Marketing' });
  await page.getByLabel('Password', { exact: true }).fill('a-fine-password');
  await page.getByLabel('Confirm password').fill('a-fine-password');
}

describe('registration', () => {
  it('a person registers from the sign-in page, sees the waiting page, and signing in says the account still waits', async () => {
    const person = await browser.newUser({ label: 'new person' });
    const { page } = person;
    const username = uniqueName('rita');
    await page.goto(`${inject('baseUrl')}/login`);
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByRole('heading', { name: 'Create your account' }).waitFor({ timeout: WAIT_MS });
    await page.getByRole('option', { name: 'Marketing' }).waitFor({ state: 'attached', timeout: WAIT_MS });

    await page.getByLabel('Password', { exact: true }).fill('short');
    expect(await page.locator('[data-rule="min"]').getAttribute('class')).not.toContain('password-rule-met');
    await fillRegistration(page, username);
    expect(await page.locator('[data-rule="min"]').getAttribute('class')).toContain('password-rule-met');
    await page.getByRole('button', { name: 'Create account' }).click();

    await page.getByRole('heading', { name: 'Waiting for approval' }).waitFor({ timeout: WAIT_MS });
    expect(new URL(page.url()).pathname).toBe('/register/waiting');
    await expect(page.getByText(username).count()).resolves.toBe(1);

    await page.getByRole('link', { name: 'Go to sign in' }).click();
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill('a-fine-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: "awaiting an admin's approval" }).waitFor({ timeout: WAIT_MS });
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  it.each(widths)('shows the registration and waiting pages accessibly at %s width', async (width, viewport) => {
    const person = await browser.newUser({ viewport, label: `registration (${width})` });
    const { page } = person;
    await page.goto(`${inject('baseUrl')}/register`);
    await page.getByRole('option', { name: 'Marketing' }).waitFor({ state: 'attached', timeout: WAIT_MS });
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('Choose your department.').waitFor({ timeout: WAIT_MS });
    await assertAccessible(page, `register with errors (${width})`);
    await screenshot(page, 'register-errors');
    await fillRegistration(page, uniqueName('ray'));
    await assertAccessible(page, `register (${width})`);
    await screenshot(page, 'register');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Waiting for approval' }).waitFor({ timeout: WAIT_MS });
    await assertAccessible(page, `waiting (${width})`);
    await screenshot(page, 'register-waiting');
  });
});

describe('one-time password', () => {
  it.each(widths)('is replaced before anything else, then the dashboard opens (%s width)', async (width, viewport) => {
    const username = uniqueName('otp');
    const id = await approvedAccount(username, 'first-password');
    const reset = await graphql<{ resetUserPassword: { temporaryPassword: string } }>(
      'mutation ($input: ResetUserPasswordInput!) { resetUserPassword(input: $input) { temporaryPassword } }',
      { input: { id } },
      await tokenFor('admin'),
    );
    const person = await browser.newUser({ viewport, label: `${username} (${width})` });
    const { page } = person;
    await page.goto(`${inject('baseUrl')}/login?next=%2Fboard`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(reset.resetUserPassword.temporaryPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor({ timeout: WAIT_MS });
    expect(new URL(page.url()).pathname).toBe('/change-password');
    await page.goto(`${inject('baseUrl')}/tickets`);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor({ timeout: WAIT_MS });
    await assertAccessible(page, `change password (${width})`);
    await screenshot(page, 'change-password');

    await page.getByLabel('One-time password').fill(reset.resetUserPassword.temporaryPassword);
    await page.getByLabel('New password', { exact: true }).fill('my-own-password');
    await page.getByLabel('Confirm new password').fill('my-own-password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.waitForURL((url) => url.pathname === '/', { timeout: WAIT_MS });
    await page.getByRole('list', { name: 'Ticket counts' }).waitFor({ timeout: WAIT_MS });
  });
});

/** The bell in the header, named by its unread count ("Notifications, 3 unread"). */
const bell = (page: Page) => page.getByRole('button', { name: /^Notifications, / });

/** The bell's count, once the server has answered it (`data-unread` appears then). */
async function unreadCount(page: Page): Promise<number> {
  const loaded = page.locator('.bell-button[data-unread]');
  await loaded.waitFor({ timeout: WAIT_MS });
  return Number(await loaded.getAttribute('data-unread'));
}

describe('notifications', () => {
  it("a comment that mentions designer raises designer's bell count live, and the panel opens its ticket", async () => {
    const ticket = await someTicket('designer');
    const designer = await browser.newUser({ label: 'designer' });
    await signIn(designer.page, 'designer', '/');
    // The socket is open and already delivering (the dashboard's own live figures arrived), so the bell's
    // subscription, sent on the same socket, is in place before the mention is posted.
    await designer.page.locator('.connection-connected').waitFor({ timeout: WAIT_MS });
    await designer.page.getByTitle('Numbers update as tickets change').waitFor({ timeout: WAIT_MS });
    const before = await unreadCount(designer.page);

    const admin = await browser.newUser({ label: 'admin' });
    await signIn(admin.page, 'admin', `/tickets/${ticket.number}`);
    const composer = admin.page.getByLabel('Comment', { exact: true });
    await composer.waitFor({ timeout: WAIT_MS });
    const words = `Could you look at this, @designer? (${Date.now()})`;
    await composer.fill(words);
    await admin.page.getByRole('button', { name: 'Post comment' }).click();

    await eventually('the bell counts the mention without a reload', async () => expect(await unreadCount(designer.page)).toBe(before + 1));
    await bell(designer.page).click();
    const panel = designer.page.getByRole('region', { name: 'Notifications' });
    const newest = panel.getByRole('listitem').first();
    await newest.waitFor({ timeout: WAIT_MS });
    await assertAccessible(designer.page, 'notification panel');
    await screenshot(designer.page, 'notification-panel');
    expect(await newest.getByRole('link').getAttribute('href')).toBe(`/tickets/${ticket.number}`);
    await newest.getByRole('link').click();
    await designer.page.waitForURL((url) => url.pathname === `/tickets/${ticket.number}`, { timeout: WAIT_MS });
    await eventually('opening it marks it read', async () => expect(await unreadCount(designer.page)).toBe(before));
  });

  it.each(widths)('lists notifications, only unread ones, and marks all read (%s width)', async (width, viewport) => {
    const person = await browser.newUser({ viewport, label: `creative.manager notifications (${width})` });
    const { page } = person;
    await signIn(page, 'creative.manager', '/notifications');
    await page.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor({ timeout: WAIT_MS });
    await page.getByRole('list', { name: 'Notifications' }).or(page.getByText('No notifications yet.')).first().waitFor({ timeout: WAIT_MS });
    await assertAccessible(page, `notifications (${width})`);
    await screenshot(page, 'notifications');

    await bell(page).click();
    // The page's own section is named "Notifications" too: the panel is found by the id the bell controls.
    const panel = page.locator('#notification-panel');
    await panel.getByRole('link', { name: 'See all notifications' }).waitFor({ timeout: WAIT_MS });
    await assertAccessible(page, `notification panel (${width})`);
    await screenshot(page, 'notification-panel-open');
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached', timeout: WAIT_MS });
    expect(await bell(page).evaluate((button) => button === document.activeElement)).toBe(true);

    await page.getByRole('button', { name: 'Unread only' }).click();
    expect(new URL(page.url()).searchParams.get('unread')).toBe('1');
    await page.getByRole('list', { name: 'Unread notifications' }).or(page.getByText('You have read everything.')).first().waitFor({ timeout: WAIT_MS });
    if ((await unreadCount(page)) > 0) {
      await page.getByRole('button', { name: 'Mark all read' }).click();
      await eventually('marking all read empties the bell', async () => expect(await unreadCount(page)).toBe(0));
    }
    await page.reload();
    await page.getByText('You have read everything.').waitFor({ timeout: WAIT_MS });
    await assertAccessible(page, `notifications, unread only (${width})`);
    await screenshot(page, 'notifications-unread');
  });
});

async function signInAs(page: Page, username: string, password: string, next = '/') {
  await page.goto(`${inject('baseUrl')}/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: WAIT_MS });
}

describe('profile', () => {
  it('changes the display name, notification settings and password; the other sessions end', async () => {
    const username = uniqueName('pat');
    await approvedAccount(username, 'first-password');
    const person = await browser.newUser({ label: `${username} here` });
    const elsewhere = await browser.newUser({ label: `${username} elsewhere` });
    const { page } = person;
    await signInAs(page, username, 'first-password');
    await signInAs(elsewhere.page, username, 'first-password', '/board');

    await page.getByRole('button', { name: /^Account:/ }).click();
    await page.getByRole('link', { name: 'Profile and settings' }).click();
    await page.getByRole('heading', { name: 'Profile and settings' }).waitFor({ timeout: WAIT_MS });

    await page.getByLabel('Display name').fill('Pat Profile');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByRole('form', { name: 'Profile' }).getByText('Saved.').waitFor({ timeout: WAIT_MS });
    await eventually('the account menu shows the new name', async () =>
      expect(await page.getByRole('button', { name: /^Account:/ }).textContent()).toContain('Pat Profile'),
    );

    const settings = page.getByRole('form', { name: 'Notification settings' });
    await settings.getByRole('checkbox', { name: 'Comments' }).uncheck();
    await settings.getByRole('checkbox', { name: 'Hold live pop-ups and Telegram messages during quiet hours' }).check();
    await settings.getByLabel('Quiet from').fill('21:30');
    await settings.getByLabel('Quiet until').fill('06:00');
    await settings.getByRole('button', { name: 'Save notification settings' }).click();
    await settings.getByText('Saved.').waitFor({ timeout: WAIT_MS });

    await page.getByRole('button', { name: 'Get a link code' }).click();
    await page.getByRole('alert').filter({ hasText: 'Telegram is not configured' }).waitFor({ timeout: WAIT_MS });

    await page.reload();
    const reloaded = page.getByRole('form', { name: 'Notification settings' });
    await reloaded.getByLabel('Quiet from').waitFor({ timeout: WAIT_MS });
    expect(await reloaded.getByRole('checkbox', { name: 'Comments' }).isChecked()).toBe(false);
    expect(await reloaded.getByLabel('Quiet from').inputValue()).toBe('21:30');
    expect(await reloaded.getByLabel('Quiet until').inputValue()).toBe('06:00');

    await page.getByLabel('Current password').fill('first-password');
    await page.getByLabel('New password', { exact: true }).fill('second-password');
    await page.getByLabel('Confirm new password').fill('second-password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Password changed. Every other session has ended.').waitFor({ timeout: WAIT_MS });
    await eventually('the other browser is signed out', async () => expect(new URL(elsewhere.page.url()).pathname).toBe('/login'));
    await page.goto(`${inject('baseUrl')}/tickets`);
    await page.getByRole('heading', { name: 'Tickets' }).first().waitFor({ timeout: WAIT_MS });
    expect(new URL(page.url()).pathname).toBe('/tickets');
  });

  it('keeps the refresh token out of script reach: an HttpOnly cookie, nothing in storage; a reload and a refresh keep the session', async () => {
    const person = await browser.newUser({ label: 'designer session' });
    const { page, context } = person;
    await signIn(page, 'designer', '/board');
    const stored = () => page.evaluate(() => Object.fromEntries(Object.entries(localStorage)));
    const refreshCookie = async () => (await context.cookies()).find((cookie) => cookie.name === 'juan365_refresh');

    const first = await refreshCookie();
    expect(first).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/graphql' });
    expect(JSON.stringify(await stored())).not.toMatch(/refresh_?token"/i);
    expect(JSON.stringify(await stored())).not.toContain(first?.value);
    expect(await page.evaluate(() => document.cookie)).not.toContain('juan365_refresh');

    await page.reload();
    await page.getByRole('heading', { name: 'Board' }).first().waitFor({ timeout: WAIT_MS });
    expect(new URL(page.url()).pathname).toBe('/board');

    // An access token past its time: the reload refreshes it through the cookie, and the cookie rotates.
    const before = JSON.parse((await stored())['juan365.session'] ?? 'null');
    await page.evaluate(
      (session) => localStorage.setItem('juan365.session', JSON.stringify({ ...session, accessExpiresAt: Date.now() - 1, refreshAt: Date.now() - 1 })),
      before,
    );
    await page.reload();
    await eventually('the session is refreshed through the cookie', async () => {
      const after = JSON.parse((await stored())['juan365.session'] ?? 'null');
      expect(after?.accessToken).toBeTruthy();
      expect(after.accessToken).not.toBe(before.accessToken);
      expect(after).not.toHaveProperty('refreshToken');
    });
    expect((await refreshCookie())?.value).not.toBe(first?.value);
    await page.getByRole('heading', { name: 'Board' }).first().waitFor({ timeout: WAIT_MS });
    expect(new URL(page.url()).pathname).toBe('/board');

    await page.getByRole('button', { name: /^Account:/ }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/login'), { timeout: WAIT_MS });
    await eventually('signing out clears the cookie', async () => expect(await refreshCookie()).toBeUndefined());
  });

  it('cannot be framed by another page', async () => {
    const person = await browser.newUser({ label: 'framing' });
    // A page of its own, outside the error tracking: Chromium reports the refused frame as a console error.
    const framing = await person.context.newPage();
    await framing.setContent(`<iframe src="${inject('baseUrl')}/login" title="app"></iframe>`);
    const frame = framing.frames()[1];
    await eventually('the frame settled', async () => expect(frame?.url()).toBeTruthy());
    await framing.waitForTimeout(500);
    expect(await frame?.locator('#root').count()).toBe(0);
    await framing.close();
  });

  it.each(widths)('shows the profile page accessibly at %s width', async (width, viewport) => {
    const person = await browser.newUser({ viewport, label: `marketer profile (${width})` });
    await signIn(person.page, 'marketer', '/profile');
    await person.page.getByRole('heading', { name: 'Telegram' }).waitFor({ timeout: WAIT_MS });
    await assertAccessible(person.page, `profile (${width})`);
    await screenshot(person.page, 'profile');
  });
});
