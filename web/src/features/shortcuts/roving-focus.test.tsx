import { afterEach, describe, expect, it } from 'vitest';
import { applyRovingTabindex, moveFocus, startRovingTabindex } from './roving-focus';

/** Two board columns of cards, each card a title link and a Move button, and a field after the board. */
function board(columns: number[]): HTMLElement {
  const root = document.createElement('div');
  root.innerHTML = `${columns
    .map(
      (count, c) =>
        `<section class="board-column"><div class="board-column-cards">${Array.from(
          { length: count },
          (_, i) =>
            `<article class="board-card"><button type="button">Move</button><a class="board-card-title" href="/tickets/${c * 10 + i}">#${c * 10 + i}</a></article>`,
        ).join('')}</div></section>`,
    )
    .join('')}<input aria-label="after">`;
  document.body.append(root);
  return root;
}

const titles = (root: HTMLElement, column: number): HTMLElement[] => [
  ...(root.querySelectorAll<HTMLElement>('.board-column')[column]?.querySelectorAll<HTMLElement>('.board-card-title') ?? []),
];
const tabStops = (root: HTMLElement) =>
  [...root.querySelectorAll<HTMLElement>('a, button, input')]
    .filter((element) => element.tabIndex >= 0)
    .map((element) => element.textContent || element.getAttribute('aria-label'));

afterEach(() => {
  document.body.innerHTML = '';
});

describe('roving tabindex', () => {
  it('leaves one tab stop per column: its first card and that card’s Move button', () => {
    const root = board([3, 2]);
    applyRovingTabindex(document);
    expect(tabStops(root)).toEqual(['Move', '#0', 'Move', '#10', 'after']);
    expect(titles(root, 0).map((title) => title.tabIndex)).toEqual([0, -1, -1]);
  });

  it('makes the card j/k moved to the column’s tab stop, and keeps it after a re-render', async () => {
    const root = board([3, 2]);
    const stop = startRovingTabindex(document);
    titles(root, 0)[0]?.focus();
    moveFocus('next', document);
    moveFocus('next', document);
    expect(document.activeElement).toBe(titles(root, 0)[2]);
    expect(titles(root, 0).map((title) => title.tabIndex)).toEqual([-1, -1, 0]);
    expect(tabStops(root)).toEqual(['Move', '#2', 'Move', '#10', 'after']);
    moveFocus('right', document);
    expect(titles(root, 1).map((title) => title.tabIndex)).toEqual([-1, 0]);
    // The focus goes elsewhere; a card added to the first column does not move its tab stop.
    (root.querySelector('input') as HTMLInputElement).focus();
    const added = titles(root, 0)[0]?.closest('article')?.cloneNode(true) as HTMLElement;
    root.querySelector('.board-column-cards')?.prepend(added);
    await Promise.resolve();
    await Promise.resolve();
    expect(titles(root, 0).map((title) => title.tabIndex)).toEqual([-1, -1, -1, 0]);
    stop();
  });
});
