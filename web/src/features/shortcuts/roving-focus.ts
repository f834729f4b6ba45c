// j/k and the arrows move the focus through the board's cards (column by column) and the ticket list's rows,
// read from the page as it is rendered, so the board and the list need no state of their own. Each list (a
// board column, the ticket table) is one tab stop (a roving tabindex, startRovingTabindex): its current item
// has tabindex 0, the others -1, so Tab leaves the list and the keys move inside it.

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

/** A board card's other controls (its Move button) leave the tab order with it, and come back when it is current. */
const CARD_CONTROLS = 'button, a[href]';
const CURRENT = 'data-roving-current';
const HIDDEN_CONTROL = 'data-roving-hidden';

function setTabIndex(element: HTMLElement, value: number): void {
  if (element.tabIndex !== value || !element.hasAttribute('tabindex')) element.tabIndex = value;
}

/**
 * One tab stop per list, now: in each list the focused item, else the one that was current, else the first,
 * has tabindex 0; the others -1, with the other controls of their card. Exported for tests.
 */
export function applyRovingTabindex(root: ParentNode = document): void {
  const active = document.activeElement;
  for (const items of groups(root)) {
    const current = items.find((item) => item === active) ?? items.find((item) => item.hasAttribute(CURRENT)) ?? items[0];
    for (const item of items) {
      const isCurrent = item === current;
      setTabIndex(item, isCurrent ? 0 : -1);
      item.toggleAttribute(CURRENT, isCurrent);
      const card = item.closest('article');
      if (!card) continue;
      for (const control of card.querySelectorAll<HTMLElement>(CARD_CONTROLS)) {
        if (control === item) continue;
        if (!isCurrent) {
          setTabIndex(control, -1);
          control.setAttribute(HIDDEN_CONTROL, '');
        } else if (control.hasAttribute(HIDDEN_CONTROL)) {
          control.removeAttribute(HIDDEN_CONTROL);
          control.removeAttribute('tabindex');
        }
      }
    }
  }
}

/**
 * Keeps the lists' roving tabindex as the page renders and the focus moves (a click, j/k, Tab into a list);
 * returns the function that stops it.
 */
export function startRovingTabindex(root: Document = document): () => void {
  let scheduled = false;
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      applyRovingTabindex(root);
    });
  };
  // Only added and removed nodes: the tabindex this writes is an attribute, so it does not wake itself.
  const observer = new MutationObserver(schedule);
  observer.observe(root.body, { childList: true, subtree: true });
  const onFocusIn = (event: FocusEvent) => {
    if (isListItem(event.target as Element | null)) applyRovingTabindex(root);
  };
  root.addEventListener('focusin', onFocusIn);
  applyRovingTabindex(root);
  return () => {
    observer.disconnect();
    root.removeEventListener('focusin', onFocusIn);
  };
}
