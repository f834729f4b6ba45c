// The board as a person sees it: columns are regions named by their title, cards are named "#<number> <title>".
import type { Locator, Page } from 'playwright-core';

export const COLUMNS = {
  REQUESTED: 'For dept approval',
  PENDING_CREATIVE: 'For Creative approval',
  APPROVED: 'Approved',
  IN_PROGRESS: 'In progress',
  COMPLETED: 'Completed',
  CLOSED: 'Closed',
  REJECTED: 'Rejected',
} as const;
export type ColumnTitle = (typeof COLUMNS)[keyof typeof COLUMNS];

export function column(page: Page, title: ColumnTitle): Locator {
  return page.getByRole('region', { name: title, exact: true });
}

/**
 * Expands every collapsed column (Closed and Rejected start collapsed, showing only their counts), for tests
 * that watch cards arrive there. The choice is remembered for the person, so once per browser context.
 */
export async function expandAllColumns(page: Page): Promise<void> {
  const toggles = page.getByRole('button', { name: /^Expand / });
  while ((await toggles.count()) > 0) await toggles.first().click();
}

/** The card of ticket #number, wherever it is inside `scope`. */
export function card(scope: Page | Locator, number: number): Locator {
  return scope.getByRole('link', { name: new RegExp(`^#${number} `) });
}

/** The whole card (what drag and drop picks up; its title link itself is not draggable). */
export function cardBody(scope: Page | Locator, number: number): Locator {
  return card(scope, number).locator('xpath=ancestor::article[1]');
}

/** Which column holds the card of ticket #number now (undefined when none does). */
export async function columnOf(page: Page, number: number): Promise<ColumnTitle | undefined> {
  for (const title of Object.values(COLUMNS)) {
    if ((await card(column(page, title), number).count()) > 0) return title;
  }
  return undefined;
}
