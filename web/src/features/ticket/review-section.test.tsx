import { Router } from '@solidjs/router';
import { cleanup, render, screen, waitFor, within } from '@solidjs/testing-library';
import { Provider } from '@urql/solid';
import { createSignal } from 'solid-js';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeClient, type SentOperation } from '../../test/fake-client';
import { ReviewSection } from './review-section';

afterEach(cleanup);

const banner = { __typename: 'Attachment', id: 'a2', fileName: 'banner.png', version: 2 };
const flyer = { __typename: 'Attachment', id: 'a9', fileName: 'flyer.pdf', version: 1 };
const decision = (id: string, reviewer: string, verdict: string, attachment: object, note: string | null = null) => ({
  __typename: 'ReviewDecision',
  id,
  verdict,
  note,
  createdAt: '2026-12-06T10:30:00.000Z',
  reviewer: { __typename: 'User', id: `u-${reviewer}`, displayName: reviewer },
  attachment,
});

function renderSection(answers: unknown[][]) {
  let call = 0;
  const fake = fakeClient((operation: SentOperation) => {
    const decisions = answers[Math.min(call, answers.length - 1)];
    if (operation.operationName === 'TicketReview') call += 1;
    return { data: { ticket: { __typename: 'Ticket', id: 't1', reviewDecisions: decisions } } };
  });
  const [tick, setTick] = createSignal(0);
  render(() => (
    <Provider value={fake.client}>
      <Router>{[{ path: '*', component: () => <ReviewSection ticketId="t1" ticketNumber={7} liveTick={tick()} /> }]}</Router>
    </Provider>
  ));
  return { ...fake, nextEvent: () => setTick((value) => value + 1) };
}

describe('ReviewSection', () => {
  it("lists each file's decisions with verdict, note and time, and links to the file's proof view", async () => {
    renderSection([
      [
        decision('d1', 'Ana Approver', 'APPROVED', banner),
        decision('d2', 'Rui Reviewer', 'CHANGES_REQUESTED', banner, 'Logo too small'),
        decision('d3', 'Ana Approver', 'APPROVED', flyer),
      ],
    ]);
    const onBanner = await screen.findByRole('list', { name: 'Decisions on banner.png' });
    const items = within(onBanner).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      expect.stringMatching(/^Ana Approver\s*Approved/),
      expect.stringMatching(/^Rui Reviewer\s*Changes requested.*Logo too small$/),
    ]);
    expect(items[0]?.querySelector('time')?.getAttribute('datetime')).toBe('2026-12-06T10:30:00.000Z');
    expect(within(screen.getByRole('list', { name: 'Decisions on flyer.pdf' })).getAllByRole('listitem')).toHaveLength(1);
    expect(screen.getByRole('link', { name: 'Open proof of banner.png' }).getAttribute('href')).toBe('/tickets/7/files/a2');
    expect(screen.getByRole('link', { name: 'Open proof of flyer.pdf' }).getAttribute('href')).toBe('/tickets/7/files/a9');
  });

  it('says when nothing was decided, and shows a decision that arrives with a ticket event', async () => {
    const { sent, nextEvent } = renderSection([[], [decision('d1', 'Ana Approver', 'APPROVED', banner)]]);
    expect(await screen.findByText('No review decision on the files yet.')).toBeTruthy();
    nextEvent();
    expect(await screen.findByRole('list', { name: 'Decisions on banner.png' })).toBeTruthy();
    await waitFor(() => expect(sent.filter((operation) => operation.operationName === 'TicketReview')).toHaveLength(2));
  });
});
