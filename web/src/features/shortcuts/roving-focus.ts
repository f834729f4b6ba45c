// j/k and the arrows move the focus through the board's cards (column by column) and the ticket list's rows.
// The cards and rows are links already in the tab order; these keys are a faster way between them, read from
// the page as it is rendered, so the board and the list need no state of their own.

export type Direction = 'next' | 'previous' | 'left' | 'right';

const CARD = '.board-column-cards .board-card-title';
const ROW = '.ticket-table .ticket-row-link';

/** The focusable items of the current page, one array per column (the list is one column). */
function groups(root: ParentNode): HTMLElement[][] {
  const columns = [...root.querySelectorAll<HTMLElement>('.board-column')]
    .map((column) => [...column.querySelectorAll<HTMLElement>(CARD)])
    .filter((cards) => cards.length > 0);
  if (columns.length > 0) return columns;
  const rows = [...root.querySelectorAll<HTMLElement>(ROW)];
  return rows.length > 0 ? [rows] : [];
}

/** Whether the element is one of the items the keys move between. */
export function isListItem(element: Element | null): boolean {
  return element instanceof Element && element.matches(`${CARD}, ${ROW}`);
}

/**
 * Moves the focus one step and returns the element focused, or undefined when there is nothing to move to.
 * From outside the items, any direction starts at the first one.
 */
export function moveFocus(direction: Direction, root: ParentNode = document): HTMLElement | undefined {
  const all = groups(root);
  if (all.length === 0) return undefined;
  const active = document.activeElement;
  let column = -1;
  let index = -1;
  all.forEach((items, c) => {
    const i = items.indexOf(active as HTMLElement);
    if (i >= 0) [column, index] = [c, i];
  });
  const here = all[column] ?? [];
  let target: HTMLElement | undefined;
  if (column < 0) target = all[0]?.[0];
  else if (direction === 'next') target = here[Math.min(index + 1, here.length - 1)];
  else if (direction === 'previous') target = here[Math.max(index - 1, 0)];
  else {
    const beside = all[column + (direction === 'right' ? 1 : -1)];
    target = beside ? beside[Math.min(index, beside.length - 1)] : here[index];
  }
  target?.focus();
  target?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  return target;
}
