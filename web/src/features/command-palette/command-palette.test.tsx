import { createMemoryHistory, MemoryRouter, Route, useLocation } from '@solidjs/router';
import { cleanup, fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { Provider } from '@urql/solid';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fakeClient } from '../../test/fake-client';
import { PaletteLauncher } from './palette-launcher';

afterEach(cleanup);
beforeAll(async () => {
  // The palette loads on first use; loaded here, its first open does not wait for the module's transform.
  await import('./command-palette');
  window.scrollTo = () => undefined;
  Element.prototype.scrollIntoView = () => undefined;
});

const HITS = [
  {
    score: 1.2,
    snippet: 'Hero banner for the spring sale',
    ticket: { id: 'VGlja2V0OjE=', number: 12, title: 'Spring banner', status: 'REQUESTED' },
    user: null,
  },
  {
    score: 1,
    snippet: null,
    ticket: null,
    user: { id: 'VXNlcjox', username: 'dana', displayName: 'Dana Designer', department: { id: 'RDox', name: 'Creative' } },
  },
];

function Page() {
  const location = useLocation();
  return (
    <>
      <p data-testid="path">{location.pathname}</p>
      <input aria-label="Elsewhere" />
      <PaletteLauncher />
    </>
  );
}

function renderPalette() {
  const { client, sent } = fakeClient(() => ({ data: { search: HITS } }));
  const history = createMemoryHistory();
  history.set({ value: '/board' });
  render(() => (
    <Provider value={client}>
      <MemoryRouter history={history}>
        <Route path="*" component={Page} />
      </MemoryRouter>
    </Provider>
  ));
  return { sent };
}

const box = () => screen.getByRole('combobox', { name: 'Search tickets, people and pages' });

describe('command palette', () => {
  it('opens with Ctrl+K, asks the server once typing pauses, and opens the chosen result with Enter', async () => {
    const { sent } = renderPalette();
    fireEvent.keyDown(document.body, { key: 'k', ctrlKey: true });
    await waitFor(() => expect(document.activeElement).toBe(box()));

    fireEvent.input(box(), { target: { value: 'spr' } });
    fireEvent.input(box(), { target: { value: 'spring' } });
    const ticket = await screen.findByRole('option', { name: /#12 Spring banner/ });
    expect(sent.filter((operation) => operation.operationName === 'PaletteSearch').map((operation) => operation.variables.query)).toEqual(['spring']);
    expect(screen.getByRole('group', { name: 'Tickets' })).toBeTruthy();
    expect(screen.getByRole('option', { name: /Dana Designer/ })).toBeTruthy();
    expect(ticket.getAttribute('aria-selected')).toBe('true');
    expect(box().getAttribute('aria-activedescendant')).toBe(ticket.id);
    expect(ticket.querySelector('mark')?.textContent).toBe('Spring');

    fireEvent.keyDown(box(), { key: 'ArrowDown' });
    const person = screen.getByRole('option', { name: /Dana Designer/ });
    expect(box().getAttribute('aria-activedescendant')).toBe(person.id);
    fireEvent.keyDown(box(), { key: 'ArrowUp' });
    fireEvent.keyDown(box(), { key: 'Enter' });
    await waitFor(() => expect(screen.getByTestId('path').textContent).toBe('/tickets/12'));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('opens with / only outside fields', async () => {
    renderPalette();
    const field = screen.getByLabelText('Elsewhere');
    field.focus();
    fireEvent.keyDown(field, { key: '/' });
    expect(screen.queryByRole('combobox')).toBeNull();
    fireEvent.keyDown(document.body, { key: '/' });
    await waitFor(() => expect(screen.getByRole('combobox')).toBeTruthy());
  });
});
