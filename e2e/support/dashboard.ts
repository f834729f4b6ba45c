// The dashboard's numbers as a person reads them: each entry's label and its number.
import type { Locator, Page } from 'playwright-core';

export type Counts = Record<string, number>;

async function labelledNumbers(items: Locator): Promise<Counts> {
  const counts: Counts = {};
  for (const text of await items.allInnerTexts()) {
    const match = /^([\s\S]*?)\s*(\d+)\s*$/.exec(text.trim());
    if (match?.[1] !== undefined) counts[match[1].replace(/\s+/g, ' ').trim()] = Number(match[2]);
  }
  return counts;
}

/** The headline cards, label → number (e.g. { Total: 41, 'Dept approval': 3, … }). */
export function readCounts(page: Page): Promise<Counts> {
  return labelledNumbers(page.getByRole('list', { name: 'Ticket counts' }).getByRole('listitem'));
}

/**
 * The "By status" chart, status title → number, read from the summary it gives screen readers ("Completed:
 * 4, Closed: 10, …"; statuses without tickets are left out). It tells Completed from Closed, which the
 * headline cards add up.
 */
export async function readByStatus(page: Page): Promise<Counts> {
  const summary = (await page.getByRole('region', { name: 'By status' }).locator('p').first().textContent()) ?? '';
  const counts: Counts = {};
  for (const [, label = '', count] of summary.matchAll(/([^,:]+):\s*(\d+)/g)) counts[label.trim()] = Number(count);
  return counts;
}
