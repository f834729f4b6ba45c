import { Router } from '@solidjs/router';
import { cleanup, fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { Provider } from '@urql/solid';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeClient } from '../../test/fake-client';
import type { AnnotationSource, NewAnnotation, ThreadAnnotation } from './annotation-source';
import type { ProofVersion } from './proof-types';
import { ProofView } from './proof-view';

afterEach(cleanup);
beforeAll(() => {
  // jsdom lays nothing out and has no ResizeObserver: the stage is 800 × 600 and told so once.
  vi.stubGlobal(
    'ResizeObserver',
    class {
      constructor(private readonly callback: () => void) {}
      observe() {
        this.callback();
      }
      disconnect() {}
    },
  );
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 800 });
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
});

const file: ProofVersion = { id: 'v1', version: 1, fileName: 'hero.png', mimeType: 'image/png', url: '/files/v1', width: 1000, height: 500 };
const person = { id: 'u1', username: 'maria', displayName: 'Maria Requester' };
const thread = (number: number, state: 'OPEN' | 'RESOLVED'): ThreadAnnotation => ({
  id: `a${number}`,
  number,
  page: null,
  shape: 'PIN',
  x: 0.2,
  y: 0.3,
  width: null,
  height: null,
  points: [],
  state,
  resolvedBy: state === 'RESOLVED' ? { displayName: 'Dana Designer' } : null,
  viewerCanResolve: true,
  comment: { id: `c${number}`, body: 'Logo, @maria?', createdAt: '2026-12-06T10:00:00.000Z', author: person, replies: [] },
});

function renderView(annotations: ThreadAnnotation[] = []) {
  const added: NewAnnotation[] = [];
  const source: AnnotationSource = {
    list: () => annotations,
    error: () => undefined,
    add: async (input) => {
      added.push(input);
      return { id: 'new' };
    },
    reply: async () => undefined,
    setResolved: async () => undefined,
    refresh: () => undefined,
  };
  const { client, sent } = fakeClient((operation) =>
    operation.operationName === 'MentionCandidates'
      ? { data: { ticket: { __typename: 'Ticket', id: 't1', mentionableUsers: [{ __typename: 'User', ...person }] } } }
      : {},
  );
  render(() => (
    <Provider value={client}>
      <Router>
        {[
          {
            path: '*',
            component: () => (
              <ProofView
                ticket={{ id: 't1', number: 7, title: 'Hero' }}
                file={file}
                versions={[file]}
                canComment
                source={source}
                openVersion={() => undefined}
              />
            ),
          },
        ]}
      </Router>
    </Provider>
  ));
  return { added, sent };
}

const key = (name: string, options: KeyboardEventInit = {}) => fireEvent.keyDown(document.activeElement ?? document.body, { key: name, ...options });

describe('ProofView', () => {
  it('places a pin with the keyboard: m at the centre, arrows move it, Enter writes about it there', async () => {
    const { added } = renderView();
    const stage = await screen.findByRole('region', { name: 'hero.png, version 1' });
    stage.focus();
    key('m');
    expect(screen.getByRole('img', { name: 'New pin at 50% across, 50% down' })).toBeTruthy();
    expect(document.activeElement).toBe(stage);
    key('ArrowRight');
    key('ArrowRight');
    key('ArrowUp', { shiftKey: true });
    const crosshair = screen.getByRole('img', { name: 'New pin at 52% across, 40% down' });
    expect(crosshair.style.left).toBe('52%');
    expect(screen.getAllByRole('status').some((status) => status.textContent?.includes('New pin at 52% across, 40% down.'))).toBe(true);

    key('Enter');
    expect(screen.queryByRole('img', { name: /New pin/ })).toBeNull();
    const box = (await screen.findByLabelText('Comment on the pin')) as HTMLTextAreaElement;
    fireEvent.input(box, { target: { value: 'Too close to the edge' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add annotation' }));
    await waitFor(() => expect(added).toHaveLength(1));
    expect(added[0]).toEqual({ shape: 'PIN', x: 0.52, y: 0.4, page: null, body: 'Too close to the edge' });
  });

  it('Escape puts the keyboard’s pin away without writing anything', async () => {
    renderView();
    (await screen.findByRole('region', { name: 'hero.png, version 1' })).focus();
    key('m');
    key('Escape');
    expect(screen.queryByRole('img', { name: /New pin/ })).toBeNull();
    expect(screen.queryByLabelText('Comment on the pin')).toBeNull();
  });

  it('offers @mentions in the new annotation’s box, from the people who may read the ticket', async () => {
    const { sent } = renderView();
    (await screen.findByRole('region', { name: 'hero.png, version 1' })).focus();
    key('m');
    key('Enter');
    const box = (await screen.findByLabelText('Comment on the pin')) as HTMLTextAreaElement;
    box.value = 'Ask @ma';
    box.setSelectionRange(7, 7);
    fireEvent.input(box);
    const option = await screen.findByRole('option', { name: /Maria Requester/ });
    expect(sent.find((operation) => operation.operationName === 'MentionCandidates')?.variables).toEqual({ id: 't1', search: 'ma' });
    fireEvent.mouseDown(option);
    expect(box.value).toBe('Ask @maria ');
  });

  it('gives resolved threads the resolved look, not the open red, and sets @mentions apart', async () => {
    renderView([thread(1, 'OPEN'), thread(2, 'RESOLVED')]);
    fireEvent.click(await screen.findByRole('button', { name: /^All/ }));
    const resolved = screen.getByRole('button', { name: 'Show annotation 2 on the image' });
    expect(resolved.classList.contains('proof-thread-number-resolved')).toBe(true);
    expect(screen.getByRole('button', { name: 'Show annotation 1 on the image' }).classList.contains('proof-thread-number-resolved')).toBe(false);
    expect(screen.getByRole('button', { name: /^Resolved/ }).querySelector('.badge')?.className).toBe('badge badge-status-completed');
    // A thread's @mentions are set apart as on the ticket page.
    expect([...document.querySelectorAll('.proof-comment-body .mention')].map((mention) => mention.textContent)).toEqual(['@maria', '@maria']);
  });
});
