// Each page a person opens, at desktop and phone width: it renders, axe finds nothing serious or critical,
// the console stays clean, and a screenshot lands in e2e/screenshots/.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { assertAccessible } from './support/a11y.ts';
import { someTicket } from './support/api.ts';
import { signIn } from './support/auth.ts';
import { COLUMNS, column } from './support/board.ts';
import { DESKTOP, PHONE, type UserPage, useBrowser, type Viewport } from './support/browser.ts';
import { screenshot } from './support/screenshots.ts';

const WAIT_MS = 15_000;

const browser = useBrowser();
let ticket: { number: number; title: string };

beforeAll(async () => {
  ticket = await someTicket('creative.manager');
});

/** Path, and what shows that the page has rendered its content (not only its loading state). */
const PAGES: { name: string; path: () => string; ready: (page: Page) => Promise<void> }[] = [
  {
    name: 'dashboard',
    path: () => '/',
    ready: (page) => page.getByRole('list', { name: 'Ticket counts' }).waitFor({ timeout: WAIT_MS }),
  },
  {
    name: 'board',
    path: () => '/board',
    ready: (page) => column(page, COLUMNS.PENDING_CREATIVE).waitFor({ timeout: WAIT_MS }),
  },
  {
    name: 'tickets',
    path: () => '/tickets',
    ready: (page) =>
      page
        .getByRole('link', { name: /^#\d+ / })
        .first()
        .waitFor({ timeout: WAIT_MS }),
  },
  {
    name: 'workspace',
    path: () => `/tickets/${ticket.number}`,
    ready: (page) => page.getByRole('heading', { name: ticket.title }).first().waitFor({ timeout: WAIT_MS }),
  },
  {
    // A Creative manager's My tasks opens with the tickets waiting for their decision, each with Approve and Reject.
    name: 'my-tasks',
    path: () => '/my-tasks',
    ready: (page) =>
      page.getByRole('region', { name: 'Waiting for your approval' }).getByRole('button', { name: 'Approve' }).first().waitFor({ timeout: WAIT_MS }),
  },
  {
    name: 'form',
    path: () => '/new',
    ready: (page) => page.getByRole('button', { name: 'Send request' }).waitFor({ timeout: WAIT_MS }),
  },
];

const widths: [string, Viewport][] = [
  ['desktop', DESKTOP],
  ['phone', PHONE],
];

describe.each(widths)('at %s width', (width, viewport) => {
  let person: UserPage;

  it('shows the sign-in page, and signs in through it', async () => {
    person = await browser.newUser({ viewport, label: `creative.manager (${width})` });
    await person.page.goto(`${inject('baseUrl')}/login`);
    await person.page.getByRole('heading', { name: 'Sign in' }).waitFor({ timeout: WAIT_MS });
    await assertAccessible(person.page, `login (${width})`);
    await screenshot(person.page, 'login');
    await signIn(person.page, 'creative.manager');
  });

  it.each(PAGES.map((page) => [page.name, page] as const))('shows the %s page', async (name, target) => {
    await person.page.goto(`${inject('baseUrl')}${target.path()}`);
    await target.ready(person.page);
    // Every part of the page has loaded: none of them is showing an error to the person.
    await person.page.waitForLoadState('networkidle');
    const alerts = await person.page.getByRole('alert').allInnerTexts();
    expect(alerts, `${name} (${width}) shows errors`).toEqual([]);
    // Only the parts meant to scroll sideways (the board's columns, wide tables) do: never the page itself.
    const overflow = await person.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${name} (${width}) scrolls sideways by`).toBe(0);
    await assertAccessible(person.page, `${name} (${width})`);
    await screenshot(person.page, name);
  });
});
