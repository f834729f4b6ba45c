import { createMemoryHistory, MemoryRouter, Route, useLocation } from '@solidjs/router';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@solidjs/testing-library';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ShortcutsLauncher } from './shortcuts-launcher';

afterEach(cleanup);
// The router scrolls to the top after a navigation; jsdom draws nothing to scroll.
beforeAll(() => {
  window.scrollTo = () => undefined;
});

/** Two board columns of cards, marked up as the board draws them, and a search field. */
function Board() {
  const location = useLocation();
  const card = (n: number) => (
    <li>
      <a class="board-card-title" href={`/tickets/${n}`}>
        Card {n}
      </a>
    </li>
  );
  return (
    <>
      <p data-testid="path">{location.pathname}</p>
      <input aria-label="Search" />
      <section class="board-column">
        <ul class="board-column-cards">
          {card(1)}
          {card(2)}
          {card(3)}
        </ul>
      </section>
      <section class="board-column">
        <ul class="board-column-cards">
          {card(4)}
          {card(5)}
        </ul>
      </section>
      <ShortcutsLauncher />
    </>
  );
}

function renderAt(path: string) {
  const history = createMemoryHistory();
  history.set({ value: path });
  render(() => (
    <MemoryRouter history={history}>
      <Route path="*" component={Board} />
    </MemoryRouter>
  ));
}

const press = (key: string, init: KeyboardEventInit = {}, target: Element = document.activeElement ?? document.body) =>
  fireEvent.keyDown(target, { key, bubbles: true, ...init });
const focused = () => document.activeElement?.textContent?.trim();

describe('keyboard shortcuts', () => {
  it('j and k move the focus down and up a column, the arrows across columns', () => {
    renderAt('/board');
    press('j');
    expect(focused()).toBe('Card 1');
    press('j');
    press('j');
    press('j');
    expect(focused()).toBe('Card 3');
    press('k');
    expect(focused()).toBe('Card 2');
    press('ArrowRight');
    expect(focused()).toBe('Card 5');
    press('ArrowUp');
    expect(focused()).toBe('Card 4');
    press('ArrowLeft');
    expect(focused()).toBe('Card 1');
  });

  it('keeps quiet while typing in a field or with a modifier held', () => {
    renderAt('/board');
    const field = screen.getByLabelText('Search');
    field.focus();
    press('j', {}, field);
    press('c', {}, field);
    expect(document.activeElement).toBe(field);
    expect(screen.getByTestId('path').textContent).toBe('/board');
    document.body.focus();
    press('j', { ctrlKey: true });
    press('c', { metaKey: true });
    expect(focused()).not.toBe('Card 1');
    expect(screen.getByTestId('path').textContent).toBe('/board');
  });

  it('c opens the request form; g then t, b or d goes to that page', async () => {
    renderAt('/board');
    press('c');
    await waitFor(() => expect(screen.getByTestId('path').textContent).toBe('/tickets/new'));
    press('g');
    press('t');
    await waitFor(() => expect(screen.getByTestId('path').textContent).toBe('/tickets'));
    press('g');
    press('d');
    await waitFor(() => expect(screen.getByTestId('path').textContent).toBe('/'));
    // t alone is nothing.
    press('t');
    expect(screen.getByTestId('path').textContent).toBe('/');
  });

  it('? opens the sheet of shortcuts as a dialog; Close ends it', async () => {
    renderAt('/board');
    press('?', { shiftKey: true });
    const sheet = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' }, { timeout: 5000 });
    expect(within(sheet).getByText('New request')).toBeTruthy();
    expect(within(sheet).getByText('Go to the board')).toBeTruthy();
    // While it is open the keys do nothing else.
    press('c');
    expect(screen.getByTestId('path').textContent).toBe('/board');
    fireEvent.click(within(sheet).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('j and k move through the ticket list rows too', () => {
    const history = createMemoryHistory();
    history.set({ value: '/tickets' });
    render(() => (
      <MemoryRouter history={history}>
        <Route
          path="*"
          component={() => (
            <>
              <table class="ticket-table">
                <tbody>
                  <tr>
                    <td>
                      <a class="ticket-row-link" href="/tickets/7">
                        Row 7
                      </a>
                    </td>
                  </tr>
                  <tr>
                    <td>
                      <a class="ticket-row-link" href="/tickets/8">
                        Row 8
                      </a>
                    </td>
                  </tr>
                </tbody>
              </table>
              <ShortcutsLauncher />
            </>
          )}
        />
      </MemoryRouter>
    ));
    press('j');
    expect(focused()).toBe('Row 7');
    press('ArrowDown');
    expect(focused()).toBe('Row 8');
    press('k');
    expect(focused()).toBe('Row 7');
  });

  it('a and e on a ticket page press its Assign and Edit title buttons', () => {
    const pressed: string[] = [];
    const history = createMemoryHistory();
    history.set({ value: '/tickets/12' });
    render(() => (
      <MemoryRouter history={history}>
        <Route
          path="*"
          component={() => (
            <main id="main">
              <fieldset class="action-bar">
                <button type="button" onClick={() => pressed.push('assign')}>
                  Assign
                </button>
              </fieldset>
              <button type="button" class="editable-edit" aria-label="Edit title" onClick={() => pressed.push('edit')}>
                Edit
              </button>
              <ShortcutsLauncher />
            </main>
          )}
        />
      </MemoryRouter>
    ));
    press('a');
    press('e');
    expect(pressed).toEqual(['assign', 'edit']);
  });
});
