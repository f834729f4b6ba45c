import { cleanup, render, screen } from '@solidjs/testing-library';
import { Provider } from '@urql/solid';
import { createSignal } from 'solid-js';
import { afterEach, describe, expect, it } from 'vitest';
import type { FilterValues } from '../lib/ticket-filters';
import { fakeClient } from '../test/fake-client';
import { TicketFilterBar } from './ticket-filter-bar';

afterEach(() => cleanup());

const EMPTY: FilterValues = { q: '', status: [], priority: [], type: [], dept: '', assignee: '', mine: '', overdue: false };

describe('TicketFilterBar', () => {
  it('shows the words of a URL that changed under it (a saved view opened, Back)', async () => {
    const { client } = fakeClient(() => ({ data: { departments: [] } }));
    const [values, setValues] = createSignal<FilterValues>({ ...EMPTY, q: 'banner' });
    render(() => (
      <Provider value={client}>
        <TicketFilterBar values={values()} onChange={() => undefined} fields={['q']} />
      </Provider>
    ));
    const box = screen.getByRole('searchbox') as HTMLInputElement;
    expect(box.value).toBe('banner');
    setValues({ ...EMPTY, q: 'poster' });
    expect(box.value).toBe('poster');
    setValues({ ...EMPTY });
    expect(box.value).toBe('');
  });
});
