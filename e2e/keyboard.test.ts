// The board without a mouse: marketing.manager focuses a card waiting for department approval, opens its
// Move menu with "M", picks Reject with the arrow keys, types the required reason and sends it, all from the
// keyboard; the card moves to Rejected and the dashboard in another tab counts it.
import { expect, inject, it } from 'vitest';
import { signIn } from './support/auth.ts';
import { COLUMNS, card, column, columnOf, expandAllColumns } from './support/board.ts';
import { useBrowser } from './support/browser.ts';
import { readCounts } from './support/dashboard.ts';
import { eventually } from './support/live.ts';

const WAIT_MS = 15_000;

const browser = useBrowser();

it('rejects a request from the board with the keyboard alone', async () => {
  const board = await browser.newUser({ label: 'marketing.manager (board)' });
  await signIn(board.page, 'marketing.manager', '/board');
  const waiting = column(board.page, COLUMNS.REQUESTED)
    .getByRole('link', { name: /^#\d+ / })
    .first();
  await waiting.waitFor({ timeout: WAIT_MS });
  // Rejected starts collapsed to its count; the card is watched arriving there.
  await expandAllColumns(board.page);
  const number = Number(/^#(\d+) /.exec((await waiting.getAttribute('aria-label')) ?? '')?.[1]);
  expect(number).toBeGreaterThan(0);

  const dashboard = await board.newTab('marketing.manager (dashboard)');
  await dashboard.page.goto(inject('baseUrl'));
  await dashboard.page.getByRole('list', { name: 'Ticket counts' }).waitFor({ timeout: WAIT_MS });
  const before = await readCounts(dashboard.page);

  const { page } = board;
  await card(column(page, COLUMNS.REQUESTED), number).focus();
  await page.keyboard.press('m');
  const focused = page.locator(':focus');
  for (let step = 0; step < 4 && !/^Reject\b/.test((await focused.textContent()) ?? ''); step++) await page.keyboard.press('ArrowDown');
  expect(await focused.textContent()).toMatch(/^Reject\b/);
  await page.keyboard.press('Enter');

  const dialog = page.getByRole('dialog');
  await dialog.waitFor({ timeout: WAIT_MS });
  // The reason box has the focus; Tab leads to Cancel, then to Reject.
  expect(await focused.getAttribute('aria-label')).toBe('Reason');
  await page.keyboard.type('Covered by the November campaign already.');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  expect(await focused.textContent()).toBe('Reject');
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'detached', timeout: WAIT_MS });

  await eventually(`#${number} is in Rejected`, async () => {
    expect(await columnOf(page, number)).toBe(COLUMNS.REJECTED);
  });
  await eventually('the dashboard counts the rejection', async () => {
    const now = await readCounts(dashboard.page);
    expect({ 'Dept approval': now['Dept approval'], Rejected: now.Rejected, Total: now.Total }).toEqual({
      'Dept approval': before['Dept approval']! - 1,
      Rejected: before.Rejected! + 1,
      Total: before.Total,
    });
  });
});
