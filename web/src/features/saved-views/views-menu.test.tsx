import { Route, Router } from '@solidjs/router';
import { cleanup, fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { Provider } from '@urql/solid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeClient, type SentOperation } from '../../test/fake-client';
import { viewHref } from './view-query';
import { ViewsMenu } from './views-menu';

type StoredView = { __typename: 'SavedView'; id: string; name: string; filter: unknown };

const stored: StoredView[] = [
  { __typename: 'SavedView', id: 'V1', name: 'Urgent work', filter: { priority: 'URGENT,HIGH', sort: 'due' } },
  { __typename: 'SavedView', id: 'V2', name: 'Mine', filter: { mine: 'assigned' } },
];

function renderMenu(current = { status: 'IN_PROGRESS', q: 'banner' }) {
  let views = [...stored];
  const fake = fakeClient((operation: SentOperation) => {
    switch (operation.operationName) {
      case 'SavedViews':
        return { data: { savedViews: views } };
      case 'CreateSavedView': {
        const input = operation.variables.input as { name: string; filter: unknown };
        const view: StoredView = { __typename: 'SavedView', id: 'V3', name: input.name, filter: input.filter };
        views = [...views, view];
        return { data: { createSavedView: { __typename: 'SavedViewPayload', savedView: view } } };
      }
      case 'DeleteSavedView':
        views = views.filter((view) => view.id !== (operation.variables.input as { id: string }).id);
        return { data: { deleteSavedView: { __typename: 'DeleteSavedViewPayload', deletedSavedViewId: 'V1' } } };
      default:
        return { errors: [{ message: `unexpected ${operation.operationName}` }] };
    }
  });
  render(() => (
    <Provider value={fake.client}>
      <Router>
        <Route path="/tickets" component={() => <ViewsMenu page="LIST" path="/tickets" current={() => current} />} />
      </Router>
    </Provider>
  ));
  return fake;
}

beforeEach(() => window.history.replaceState(null, '', '/tickets'));
afterEach(() => cleanup());

describe('ViewsMenu', () => {
  it("lists the person's views as links to their filters, and fetches nothing until opened", async () => {
    const fake = renderMenu();
    expect(fake.sent).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Views' }));
    const link = await screen.findByRole('link', { name: 'Urgent work' });
    expect(link.getAttribute('href')).toBe('/tickets?priority=URGENT%2CHIGH&sort=due');
    expect(screen.getByRole('link', { name: 'Mine' }).getAttribute('href')).toBe('/tickets?mine=assigned');
    expect(fake.sent[0]).toEqual({ operationName: 'SavedViews', variables: { page: 'LIST' } });
  });

  it('saves the current filters under a name, and deletes a view', async () => {
    const fake = renderMenu();
    fireEvent.click(screen.getByRole('button', { name: 'Views' }));
    await screen.findByRole('link', { name: 'Urgent work' });
    fireEvent.input(screen.getByLabelText('Name of this view'), { target: { value: 'Banners in progress' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save current filters' }));
    expect(await screen.findByRole('link', { name: 'Banners in progress' })).toBeTruthy();
    expect(fake.sent.find((operation) => operation.operationName === 'CreateSavedView')?.variables).toEqual({
      input: { name: 'Banners in progress', page: 'LIST', filter: { status: 'IN_PROGRESS', q: 'banner' } },
    });
    expect(screen.getByRole('status').textContent).toBe('Saved “Banners in progress”.');

    fireEvent.click(screen.getByRole('button', { name: 'Delete Urgent work' }));
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Urgent work' })).toBeNull());
    expect(fake.sent.find((operation) => operation.operationName === 'DeleteSavedView')?.variables).toEqual({ input: { id: 'V1' } });
  });
});

describe('viewHref', () => {
  it('writes a view as the page writes its URL, lists comma-separated', () => {
    expect(viewHref('/board', { status: ['REQUESTED', 'APPROVED'], q: 'a b' })).toBe('/board?status=REQUESTED%2CAPPROVED&q=a+b');
    expect(viewHref('/board', {})).toBe('/board');
  });
});
