// The dashboard's headline counts as a person reads them: each card's label and its number.
import type { Page } from 'playwright-core';

export type Counts = Record<string, number>;

/** Label → number of every card in the "Ticket counts" list (e.g. { Total: 41, 'Dept approval': 3, … }). */
export async function readCounts(page: Page): Promise<Counts> {
  const texts = await page.getByRole('list', { name: 'Ticket counts' }).getByRole('listitem').allInnerTexts();
  const counts: Counts = {};
  for (const text of texts) {
    const match = /^([\s\S]*?)\s*(\d+)\s*$/.exec(text.trim());
    if (match) counts[match[1]!.replace(/\s+/g, ' ').trim()] = Number(match[2]);
  }
  return counts;
}
