import { Route, Router } from '@solidjs/router';
import { cleanup, fireEvent, render, screen } from '@solidjs/testing-library';
import { Provider } from '@urql/solid';
import type { JSX } from 'solid-js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeClient, type Responder } from '../../test/fake-client';
import { ActionDialog } from './action-dialog';

const ticket = { id: 't42', number: 42, title: 'Launch banner' };

/** The dialog on a page of the app (the Complete dialog fetches the review state and links to proofs). */
function inApp(dialog: () => JSX.Element, respond: Responder = () => ({ data: { ticket: null } })) {
  const fake = fakeClient(respond);
  render(() => (
    <Provider value={fake.client}>
      <Router>
        <Route path="/tickets/42" component={dialog} />
        <Route path="/tickets/42/files/:id" component={() => <p>proof page</p>} />
      </Router>
    </Provider>
  ));
  return fake;
}

beforeEach(() => {
  window.scrollTo = () => undefined; // jsdom has none; the router scrolls after following a link
  window.history.replaceState(null, '', '/tickets/42');
});
afterEach(cleanup);

describe('ActionDialog', () => {
  it('will not send a rejection without a reason, and sends the one typed', async () => {
    const onSubmit = vi.fn(async () => undefined);
    inApp(() => <ActionDialog action="REJECT" ticket={ticket} onSubmit={onSubmit} onClose={() => {}} />);
    expect(screen.getByRole('dialog', { hidden: true }).getAttribute('aria-labelledby')).toBeTruthy();
    expect(screen.getByText('Reject #42')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Reject', hidden: true }));
    await Promise.resolve();
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByText(/Say why/)).toBeTruthy();

    fireEvent.input(screen.getByLabelText('Reason'), { target: { value: 'Wrong size' } });
    // Once something is typed the field is no longer flagged.
    expect(screen.queryByText(/Say why/)).toBeNull();
    expect(screen.getByLabelText('Reason').getAttribute('aria-invalid')).toBe('false');
    fireEvent.click(screen.getByRole('button', { name: 'Reject', hidden: true }));
    await vi.waitFor(() => expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ reason: 'Wrong size' })));
  });

  it('shows the refusal and keeps what was typed', async () => {
    const onSubmit = vi.fn(async () => 'Someone changed this ticket meanwhile; it has been reloaded.');
    inApp(() => <ActionDialog action="REQUEST_REVISION" ticket={ticket} onSubmit={onSubmit} onClose={() => {}} />);
    const reason = screen.getByLabelText('Reason') as HTMLTextAreaElement;
    fireEvent.input(reason, { target: { value: 'Logo too small' } });
    fireEvent.click(screen.getByRole('button', { name: 'Request revision', hidden: true }));
    expect(await screen.findByRole('alert', { hidden: true })).toBeTruthy();
    expect(reason.value).toBe('Logo too small');
  });

  it('closes on Escape (the dialog cancel event)', () => {
    const onClose = vi.fn();
    inApp(() => <ActionDialog action="COMPLETE" ticket={ticket} onSubmit={async () => undefined} onClose={onClose} />);
    fireEvent(screen.getByRole('dialog', { hidden: true }), new Event('cancel', { cancelable: true }));
    expect(onClose).toHaveBeenCalled();
  });

  it('rejects hours that are not a positive number', async () => {
    const onSubmit = vi.fn(async () => undefined);
    inApp(() => <ActionDialog action="COMPLETE" ticket={ticket} onSubmit={onSubmit} onClose={() => {}} />);
    fireEvent.input(screen.getByLabelText('Actual hours'), { target: { value: '-3' } });
    fireEvent.click(screen.getByRole('button', { name: 'Complete', hidden: true }));
    await Promise.resolve();
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByText(/positive number/)).toBeTruthy();
  });

  it('completing warns about open notes and undecided files, linked to their proofs, and still completes', async () => {
    const file = (id: string, fileName: string, version: number, open: number) => ({
      __typename: 'Attachment',
      id,
      fileName,
      version,
      annotations: Array.from({ length: open }, (_, index) => ({ __typename: 'Annotation', id: `${id}-n${index}` })),
    });
    const onSubmit = vi.fn(async () => undefined);
    const onClose = vi.fn();
    const decided = (attachmentId: string) => ({
      __typename: 'ReviewDecision',
      id: `d-${attachmentId}`,
      attachment: { __typename: 'Attachment', id: attachmentId },
    });
    const fake = inApp(
      () => <ActionDialog action="COMPLETE" ticket={ticket} onSubmit={onSubmit} onClose={onClose} />,
      () => ({
        data: {
          ticket: {
            __typename: 'Ticket',
            id: 't42',
            // hero.png v1 is superseded (its open note is the old version's); v2 is decided but has two open notes.
            attachments: [file('a1', 'hero.png', 1, 1), file('a2', 'hero.png', 2, 2), file('a3', 'banner.pdf', 1, 0), file('a4', 'logo.svg', 1, 0)],
            reviewDecisions: [decided('a2'), decided('a4')],
          },
        },
      }),
    );
    const notes = await screen.findByRole('link', { name: '2 open notes on hero.png', hidden: true });
    expect(notes.getAttribute('href')).toBe('/tickets/42/files/a2');
    const undecided = screen.getByRole('link', { name: 'banner.pdf has no review decision', hidden: true });
    expect(undecided.getAttribute('href')).toBe('/tickets/42/files/a3');
    expect(screen.queryByText(/logo\.svg/)).toBeNull();
    expect(fake.sent.find((operation) => operation.operationName === 'CompleteReviewState')?.variables).toEqual({ id: 't42' });

    fireEvent.click(screen.getByRole('button', { name: 'Complete', hidden: true }));
    await vi.waitFor(() => expect(onSubmit).toHaveBeenCalled());

    fireEvent.click(undecided);
    expect(onClose).toHaveBeenCalled();
  });
});
