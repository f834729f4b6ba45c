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

const second: ProofVersion = { ...file, id: 'v2', version: 2, url: '/files/v2' };
/** Version 1's open annotations, as the "From v1" tab asks for them. */
const openOnFirst = [1, 2].map((number) => ({
  __typename: 'Annotation',
  id: `old${number}`,
  number,
  page: null,
  shape: 'PIN',
  x: 0.1,
  y: 0.1,
  width: null,
  height: null,
  points: [],
  viewerCanResolve: true,
  comment: { __typename: 'Comment', id: `oc${number}`, body: 'Still open', author: { __typename: 'User', ...person } },
}));

function renderView(annotations: ThreadAnnotation[] = [], shown: ProofVersion = file, versions: ProofVersion[] = [shown]) {
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
      : operation.operationName === 'CarriedOverAnnotations'
        ? { data: { node: { __typename: 'Attachment', id: 'v1', version: 1, annotations: openOnFirst } } }
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
                file={shown}
                versions={versions}
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

  it('shows the Comments tab when a pin is placed from another tab, so its comment box is in sight', async () => {
    renderView();
    const decisions = await screen.findByRole('tab', { name: 'Decisions' });
    fireEvent.click(decisions);
    expect(decisions.getAttribute('aria-selected')).toBe('true');
    (await screen.findByRole('region', { name: 'hero.png, version 1' })).focus();
    key('m');
    key('Enter');
    expect(screen.getByRole('tab', { name: 'Comments' }).getAttribute('aria-selected')).toBe('true');
    expect(await screen.findByLabelText('Comment on the pin')).toBeTruthy();
  });

  it('moves between the panel’s tabs with the arrow keys, one of them in the Tab order, without panning the file', async () => {
    renderView();
    const comments = await screen.findByRole('tab', { name: 'Comments' });
    const decisions = screen.getByRole('tab', { name: 'Decisions' });
    expect([comments.tabIndex, decisions.tabIndex]).toEqual([0, -1]);
    const content = screen.getByRole('region', { name: 'hero.png, version 1' }).querySelector<HTMLElement>('.proof-content');
    const before = content?.style.transform;
    comments.focus();
    key('ArrowRight');
    expect(decisions.getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(decisions);
    expect([comments.tabIndex, decisions.tabIndex]).toEqual([-1, 0]);
    key('ArrowRight');
    expect(document.activeElement).toBe(comments);
    expect(content?.style.transform).toBe(before);
  });

  it('names the earlier version’s tab with its open count on version 2, and has no such tab on version 1', async () => {
    renderView([], second, [file, second]);
    expect((await screen.findByRole('tab', { name: 'From v1 (2)' }, { timeout: 5000 })).getAttribute('aria-selected')).toBe('false');
    cleanup();
    renderView([], file, [file, second]);
    await screen.findByRole('tab', { name: 'Decisions' });
    expect(screen.queryByRole('tab', { name: /From v/ })).toBeNull();
  });

  it('gives the zoom against the file’s own pixels: a 1000 px image fitted into 768 px is 77%', async () => {
    renderView();
    await screen.findByRole('region', { name: 'hero.png, version 1' });
    const zoom = screen.getByRole('status', { name: 'Zoom' });
    expect(zoom.textContent).toBe('77%');
    fireEvent.click(screen.getByRole('button', { name: 'Zoom in' }));
    expect(zoom.textContent).toBe('96%');
    fireEvent.click(screen.getByRole('button', { name: 'Fit to view' }));
    expect(zoom.textContent).toBe('77%');
  });
});
