// Issue 9's flow, in four browser contexts (four people, each with the board and the dashboard open):
// marketer requests through the form; marketing.manager approves from the board; creative.manager approves
// and assigns to designer; designer starts and completes; marketer confirms. Every change must reach the
// other people's open board and dashboard without a reload.
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { signIn } from './support/auth.ts';
import { card, column, columnOf, COLUMNS, type ColumnTitle } from './support/board.ts';
import { launchBrowser, type E2EBrowser, type UserPage } from './support/browser.ts';
import { readCounts } from './support/dashboard.ts';
import { eventually } from './support/live.ts';

const PAGE_TIMEOUT_MS = 15_000;
const PEOPLE = ['marketer', 'marketing.manager', 'creative.manager', 'designer'] as const;
type Person = (typeof PEOPLE)[number];

type Desk = { board: UserPage; dashboard: UserPage };

let browser: E2EBrowser;
const desks = {} as Record<Person, Desk>;
const title = `Launch banner ${Date.now().toString(36)}`;
let number = 0;

/** A card's column in `person`'s open board becomes `expected`, without reload. */
async function seesCardIn(person: Person, expected: ColumnTitle | undefined) {
  const page = desks[person].board.page;
  await eventually(`${person}'s board shows #${number} in ${expected ?? 'no column'}`, async () => {
    expect(await columnOf(page, number)).toBe(expected);
  });
}

/** The dashboard numbers of `person` move by `delta` from `before`, without reload. */
async function seesCounts(person: Person, before: Record<string, number>, delta: Record<string, number>) {
  const page = desks[person].dashboard.page;
  const expected = Object.fromEntries(Object.entries(delta).map(([label, change]) => [label, (before[label] ?? 0) + change]));
  await eventually(`${person}'s dashboard counts ${JSON.stringify(expected)}`, async () => {
    const now = await readCounts(page);
    expect(Object.fromEntries(Object.keys(expected).map((label) => [label, now[label]]))).toEqual(expected);
  });
}

async function countsOf(person: Person) {
  return readCounts(desks[person].dashboard.page);
}

/** Opens the ticket's workspace in a new tab of `person`'s browser (the board and dashboard stay open). */
async function openWorkspace(person: Person) {
  const { page } = await desks[person].board.newTab(`${person} (workspace)`);
  await page.goto(`${inject('baseUrl')}/tickets/${number}`);
  await page.getByRole('heading', { name: title }).waitFor({ timeout: PAGE_TIMEOUT_MS });
  return page;
}

/** The open dialog: fills it with `fill`, sends it with its `submit` button, and waits until it has closed. */
async function completeDialog(page: Page, submit: string, fill: (dialog: Locator) => Promise<void> = async () => {}) {
  const dialog = page.getByRole('dialog');
  await dialog.waitFor({ timeout: PAGE_TIMEOUT_MS });
  await fill(dialog);
  await dialog.getByRole('button', { name: submit, exact: true }).click();
  await dialog.waitFor({ state: 'detached', timeout: PAGE_TIMEOUT_MS });
}

beforeAll(async () => {
  browser = await launchBrowser();
  for (const person of PEOPLE) {
    const board = await browser.newUser({ label: `${person} (board)` });
    // The real login page, in every context; the dashboard tab shares the session through storage.
    await signIn(board.page, person, '/board');
    await column(board.page, COLUMNS.REQUESTED).waitFor({ timeout: PAGE_TIMEOUT_MS });
    const dashboard = await board.newTab(`${person} (dashboard)`);
    await dashboard.page.goto(inject('baseUrl'));
    await dashboard.page.getByRole('list', { name: 'Ticket counts' }).waitFor({ timeout: PAGE_TIMEOUT_MS });
    desks[person] = { board, dashboard };
  }
});

// The step that made a browser log an error or throw is the one that fails.
afterEach(() => {
  browser.assertNoErrors();
});

afterAll(async () => {
  await browser?.close();
});

describe.sequential('a request from form to confirmation, live in four browsers', () => {
  it('marketer sends a request through the form; it appears on the boards of marketer and marketing.manager', async () => {
    const before = { marketer: await countsOf('marketer'), manager: await countsOf('marketing.manager') };
    const { page } = await desks.marketer.board.newTab('marketer (form)');
    await page.goto(`${inject('baseUrl')}/new`);
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('Description').fill('A 1200×400 banner for the December launch, brand colours.');
    await page.getByLabel('Request type').selectOption({ label: 'Website banner' });
    await page.getByLabel('Priority').selectOption({ label: 'High' });
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.waitForURL(/\/tickets\/\d+$/, { timeout: PAGE_TIMEOUT_MS });
    number = Number(/\/tickets\/(\d+)$/.exec(page.url())![1]);
    await page.close();

    await seesCardIn('marketer', COLUMNS.REQUESTED);
    await seesCardIn('marketing.manager', COLUMNS.REQUESTED);
    await seesCounts('marketer', before.marketer, { Total: 1, 'Dept approval': 1 });
    await seesCounts('marketing.manager', before.manager, { Total: 1, 'Dept approval': 1 });
  });

  it('marketing.manager approves it from the board; it reaches creative.manager', async () => {
    const before = { marketer: await countsOf('marketer'), creative: await countsOf('creative.manager') };
    const page = desks['marketing.manager'].board.page;
    const target = card(column(page, COLUMNS.REQUESTED), number);
    await target.dragTo(column(page, COLUMNS.PENDING_CREATIVE));
    await completeDialog(page, 'Approve');
    await seesCardIn('marketing.manager', COLUMNS.PENDING_CREATIVE);
    await seesCardIn('marketer', COLUMNS.PENDING_CREATIVE);
    await seesCardIn('creative.manager', COLUMNS.PENDING_CREATIVE);
    await seesCounts('marketer', before.marketer, { 'Dept approval': -1, 'Creative approval': 1 });
    await seesCounts('creative.manager', before.creative, { Total: 1, 'Creative approval': 1 });
  });

  it('creative.manager approves it and assigns it to designer', async () => {
    const before = { marketer: await countsOf('marketer'), designer: await countsOf('designer') };
    const page = await openWorkspace('creative.manager');
    await page.getByRole('button', { name: 'Approve', exact: true }).click();
    await completeDialog(page, 'Approve');
    await seesCardIn('marketer', COLUMNS.APPROVED);
    await seesCardIn('marketing.manager', COLUMNS.APPROVED);
    await page.getByRole('button', { name: 'Assign', exact: true }).click();
    await completeDialog(page, 'Assign', (dialog) =>
      dialog.getByRole('radiogroup', { name: 'Assignee' }).getByRole('radio', { name: /Dana Designer/ }).check(),
    );
    await page.close();
    await seesCardIn('designer', COLUMNS.APPROVED);
    await seesCounts('marketer', before.marketer, { 'Creative approval': -1, Approved: 1 });
    await seesCounts('designer', before.designer, { Total: 1, Approved: 1 });
  });

  it('designer starts and completes it', async () => {
    const before = { marketer: await countsOf('marketer'), creative: await countsOf('creative.manager') };
    const page = await openWorkspace('designer');
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await seesCardIn('marketer', COLUMNS.IN_PROGRESS);
    await seesCardIn('creative.manager', COLUMNS.IN_PROGRESS);
    await seesCounts('creative.manager', before.creative, { Approved: -1, 'In progress': 1 });
    await page.getByRole('button', { name: 'Complete', exact: true }).click();
    await completeDialog(page, 'Complete', (dialog) => dialog.getByLabel('Actual hours').fill('3'));
    await page.close();
    await seesCardIn('marketer', COLUMNS.COMPLETED);
    await seesCardIn('marketing.manager', COLUMNS.COMPLETED);
    await seesCardIn('creative.manager', COLUMNS.COMPLETED);
    await seesCounts('marketer', before.marketer, { Approved: -1, Completed: 1 });
  });

  it('marketer confirms it; it closes on every board', async () => {
    const before = { designer: await countsOf('designer'), creative: await countsOf('creative.manager') };
    const page = await openWorkspace('marketer');
    await page.getByRole('button', { name: 'Confirm', exact: true }).click();
    await seesCardIn('designer', COLUMNS.CLOSED);
    await seesCardIn('creative.manager', COLUMNS.CLOSED);
    await seesCardIn('marketing.manager', COLUMNS.CLOSED);
    await seesCounts('designer', before.designer, { Completed: -1 });
    await seesCounts('creative.manager', before.creative, { Completed: -1 });
    await page.close();
  });
});
