// Issue 9's flow, in four browser contexts (four people, each with the board and the dashboard open):
// marketer requests through the form; marketing.manager approves from the board; creative.manager approves
// and assigns to designer; designer starts and completes; marketer confirms. Every change must reach the
// other people's open board and dashboard without a reload.
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { signIn } from './support/auth.ts';
import { COLUMNS, type ColumnTitle, cardBody, column, columnOf, expandAllColumns } from './support/board.ts';
import { type UserPage, useBrowser } from './support/browser.ts';
import { type Counts, readByStatus, readCounts } from './support/dashboard.ts';
import { eventually } from './support/live.ts';

const PAGE_TIMEOUT_MS = 15_000;
const PEOPLE = ['marketer', 'marketing.manager', 'creative.manager', 'designer'] as const;
type Person = (typeof PEOPLE)[number];

type Desk = { board: UserPage; dashboard: UserPage };

const browser = useBrowser();
const desks = {} as Record<Person, Desk>;
const title = `Launch banner ${Date.now().toString(36)}`;
let number = 0;

/** Counts that move with the clock alone (a demo ticket's due date may pass during the run). */
const TIME_DEPENDENT = new Set(['Overdue']);
/** What each person's open board and dashboard must show after a step. */
type Expected = {
  /** The column holding the card on each person's board; undefined = the card is not on it (not theirs). */
  column: Record<Person, ColumnTitle | undefined>;
  /** How each person's dashboard counts move, by card label; cards not named must stay as they were. */
  counts: Record<Person, Counts>;
};

async function snapshot(): Promise<Record<Person, Counts>> {
  const entries = await Promise.all(PEOPLE.map(async (person) => [person, await readCounts(desks[person].dashboard.page)] as const));
  return Object.fromEntries(entries) as Record<Person, Counts>;
}

/** Every person's open board and dashboard reach the expected state, without a reload. */
async function everyoneSees(before: Record<Person, Counts>, expected: Expected) {
  // One wait over all four boards, so a failure shows every board's state, not only the first one checked.
  await eventually(`the boards show #${number} in ${JSON.stringify(expected.column)}`, async () => {
    const seen = Object.fromEntries(await Promise.all(PEOPLE.map(async (person) => [person, await columnOf(desks[person].board.page, number)] as const)));
    expect(seen).toEqual(expected.column);
  });
  const labelsOf = (person: Person) => Object.keys(before[person]).filter((label) => !TIME_DEPENDENT.has(label) || label in expected.counts[person]);
  const want = Object.fromEntries(
    PEOPLE.map((person) => [
      person,
      Object.fromEntries(labelsOf(person).map((label) => [label, before[person][label]! + (expected.counts[person][label] ?? 0)])),
    ]),
  );
  await eventually(`the dashboards move by ${JSON.stringify(expected.counts)}`, async () => {
    const seen = Object.fromEntries(
      await Promise.all(
        PEOPLE.map(async (person) => {
          const now = await readCounts(desks[person].dashboard.page);
          return [person, Object.fromEntries(labelsOf(person).map((label) => [label, now[label]]))] as const;
        }),
      ),
    );
    expect(seen).toEqual(want);
  });
}

/** The workspace's action bar (buttons straight from the ticket's availableActions). */
function actions(page: Page): Locator {
  return page.getByRole('group', { name: 'Ticket actions' });
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
  for (const person of PEOPLE) {
    const board = await browser.newUser({ label: `${person} (board)` });
    // The real login page, in every context; the dashboard tab shares the session through storage.
    await signIn(board.page, person, '/board');
    await column(board.page, COLUMNS.REQUESTED).waitFor({ timeout: PAGE_TIMEOUT_MS });
    // The request ends in Closed, which starts collapsed: every column shows its cards here.
    await expandAllColumns(board.page);
    const dashboard = await board.newTab(`${person} (dashboard)`);
    await dashboard.page.goto(inject('baseUrl'));
    await dashboard.page.getByRole('list', { name: 'Ticket counts' }).waitFor({ timeout: PAGE_TIMEOUT_MS });
    desks[person] = { board, dashboard };
  }
});

describe.sequential('a request from form to confirmation, live in four browsers', () => {
  it('marketer sends a request through the form; it reaches marketer and marketing.manager', async () => {
    const before = await snapshot();
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

    const requested = { Total: 1, 'Dept approval': 1 };
    await everyoneSees(before, {
      column: { marketer: COLUMNS.REQUESTED, 'marketing.manager': COLUMNS.REQUESTED, 'creative.manager': undefined, designer: undefined },
      counts: { marketer: requested, 'marketing.manager': requested, 'creative.manager': {}, designer: {} },
    });
  });

  it('marketing.manager approves it from the board; it reaches creative.manager', async () => {
    const before = await snapshot();
    const page = desks['marketing.manager'].board.page;
    // Picked up by its corner, away from the title link and the Move button.
    await cardBody(column(page, COLUMNS.REQUESTED), number).dragTo(column(page, COLUMNS.PENDING_CREATIVE), {
      sourcePosition: { x: 4, y: 4 },
    });
    await completeDialog(page, 'Approve');

    const moved = { 'Dept approval': -1, 'Creative approval': 1 };
    await everyoneSees(before, {
      column: {
        marketer: COLUMNS.PENDING_CREATIVE,
        'marketing.manager': COLUMNS.PENDING_CREATIVE,
        'creative.manager': COLUMNS.PENDING_CREATIVE,
        designer: undefined,
      },
      counts: { marketer: moved, 'marketing.manager': moved, 'creative.manager': { Total: 1, 'Creative approval': 1 }, designer: {} },
    });
  });

  it('creative.manager approves it and assigns it to designer; it reaches designer', async () => {
    const before = await snapshot();
    const page = await openWorkspace('creative.manager');
    await actions(page).getByRole('button', { name: 'Approve', exact: true }).click();
    await completeDialog(page, 'Approve');
    await actions(page).getByRole('button', { name: 'Assign', exact: true }).click();
    await completeDialog(page, 'Assign', (dialog) =>
      dialog
        .getByRole('radiogroup', { name: 'Assignee' })
        .getByRole('radio', { name: /Dana Designer/ })
        .check(),
    );
    await page.close();

    const approved = { 'Creative approval': -1, Approved: 1 };
    await everyoneSees(before, {
      column: { marketer: COLUMNS.APPROVED, 'marketing.manager': COLUMNS.APPROVED, 'creative.manager': COLUMNS.APPROVED, designer: COLUMNS.APPROVED },
      counts: { marketer: approved, 'marketing.manager': approved, 'creative.manager': approved, designer: { Total: 1, Approved: 1 } },
    });
  });

  it('designer starts it, everyone sees it in progress; designer completes it', async () => {
    let before = await snapshot();
    const page = await openWorkspace('designer');
    await actions(page).getByRole('button', { name: 'Start', exact: true }).click();
    const started = { Approved: -1, 'In progress': 1 };
    await everyoneSees(before, {
      column: {
        marketer: COLUMNS.IN_PROGRESS,
        'marketing.manager': COLUMNS.IN_PROGRESS,
        'creative.manager': COLUMNS.IN_PROGRESS,
        designer: COLUMNS.IN_PROGRESS,
      },
      counts: { marketer: started, 'marketing.manager': started, 'creative.manager': started, designer: started },
    });

    before = await snapshot();
    await actions(page).getByRole('button', { name: 'Complete', exact: true }).click();
    await completeDialog(page, 'Complete', (dialog) => dialog.getByLabel('Actual hours').fill('3'));
    await page.close();
    const completed = { 'In progress': -1, Completed: 1 };
    await everyoneSees(before, {
      column: { marketer: COLUMNS.COMPLETED, 'marketing.manager': COLUMNS.COMPLETED, 'creative.manager': COLUMNS.COMPLETED, designer: COLUMNS.COMPLETED },
      counts: { marketer: completed, 'marketing.manager': completed, 'creative.manager': completed, designer: completed },
    });
  });

  it('marketer confirms it; it closes on every board and dashboard', async () => {
    const before = await snapshot();
    const beforeByStatus = Object.fromEntries(
      await Promise.all(PEOPLE.map(async (person) => [person, await readByStatus(desks[person].dashboard.page)] as const)),
    );
    const page = await openWorkspace('marketer');
    const confirm = actions(page).getByRole('button', { name: 'Confirm', exact: true });
    await confirm.click();
    // Done once the workspace no longer offers it (closing the tab earlier could cancel the request).
    await confirm.waitFor({ state: 'detached', timeout: PAGE_TIMEOUT_MS });
    await page.close();
    // The headline "Completed" counts delivered work (completed and closed): it stays, and so does every
    // other card; the status breakdown shows the move.
    await everyoneSees(before, {
      column: { marketer: COLUMNS.CLOSED, 'marketing.manager': COLUMNS.CLOSED, 'creative.manager': COLUMNS.CLOSED, designer: COLUMNS.CLOSED },
      counts: { marketer: {}, 'marketing.manager': {}, 'creative.manager': {}, designer: {} },
    });
    for (const person of PEOPLE) {
      const was = beforeByStatus[person]!;
      const want = { Completed: (was.Completed ?? 0) - 1, Closed: (was.Closed ?? 0) + 1 };
      await eventually(`${person}'s status breakdown moves #${number} from Completed to Closed`, async () => {
        const now = await readByStatus(desks[person].dashboard.page);
        expect({ Completed: now.Completed ?? 0, Closed: now.Closed ?? 0 }).toEqual(want);
      });
    }
  });
});
