import { cleanup, fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { Provider } from '@urql/solid';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeClient, type SentOperation, sentInput } from '../../test/fake-client';
import { DecisionPanel } from './decision-panel';
import { CHANGES_NEED_A_REASON } from './decision-rules';
import type { ProofContext, ProofVersion } from './proof-types';

afterEach(cleanup);

const version = (n: number): ProofVersion => ({ id: `v${n}`, version: n, fileName: 'hero.png', mimeType: 'image/png', url: `/files/v${n}` });
function contextFor(file: ProofVersion): ProofContext {
  return {
    ticket: () => ({ id: 't1', number: 7, title: 'Hero' }),
    file: () => file,
    versions: () => [version(1), version(2)],
    annotations: () => [],
    openVersion: () => undefined,
    refresh: () => undefined,
  };
}

const decision = (verdict: string) => ({
  __typename: 'ReviewDecision',
  id: `d-${verdict}`,
  verdict,
  note: null,
  createdAt: '2026-12-06T10:00:00.000Z',
  reviewer: { __typename: 'User', id: 'u1', displayName: 'Maria Requester' },
  attachment: { __typename: 'Attachment', id: 'v2', fileName: 'hero.png', version: 2 },
});

function server(status: string, openAnnotations: string[] = [], viewerCanDecide = true) {
  return (operation: SentOperation) => {
    if (operation.operationName === 'ReviewDecisions') {
      return {
        data: {
          ticket: { __typename: 'Ticket', id: 't1', status, reviewDecisions: [decision('APPROVED')] },
          decidedFile: { __typename: 'Attachment', id: 'v2', viewerCanDecide, annotations: openAnnotations.map((id) => ({ __typename: 'Annotation', id })) },
        },
      };
    }
    const verdict = (operation.variables.input as { verdict: string }).verdict;
    return {
      data: {
        recordReviewDecision: {
          __typename: 'RecordReviewDecisionPayload',
          decision: decision(verdict),
          ticket: { __typename: 'Ticket', id: 't1', status: verdict === 'APPROVED' ? 'CLOSED' : 'IN_PROGRESS', version: 9, availableActions: [] },
        },
      },
    };
  };
}

describe('DecisionPanel', () => {
  it('lists the latest decisions and refuses a request for changes that says nothing, without sending it', async () => {
    const { client, sent } = fakeClient(server('COMPLETED'));
    render(() => (
      <Provider value={client}>
        <DecisionPanel context={contextFor(version(2))} />
      </Provider>
    ));
    const item = await screen.findByText('Maria Requester');
    expect(item.closest('li')?.textContent).toContain('Approved');
    // A verdict is a status pill like the app's badges (it was a wavy red underline, read as a spelling mistake).
    expect(screen.getByText('Approved', { selector: '.badge' }).className).toBe('badge badge-status-completed');
    expect(screen.getByText('Completed')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Request changes' }));
    expect((await screen.findByRole('alert')).textContent).toBe(CHANGES_NEED_A_REASON);
    expect(sent.some((operation) => operation.operationName === 'RecordReviewDecision')).toBe(false);

    fireEvent.input(screen.getByLabelText('Note'), { target: { value: '  The price is wrong  ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Request changes' }));
    const outcome = await screen.findByRole('status');
    expect(outcome.textContent).toBe('Recorded: Changes requested. The ticket is now In progress');
    expect(sentInput(sent, 'RecordReviewDecision')).toEqual({ attachmentId: 'v2', verdict: 'CHANGES_REQUESTED', note: 'The price is wrong' });
  });

  it('requests changes with an open annotation and no note; approving closes a completed ticket', async () => {
    const { client, sent } = fakeClient(server('COMPLETED', ['a1']));
    render(() => (
      <Provider value={client}>
        <DecisionPanel context={contextFor(version(2))} />
      </Provider>
    ));
    await screen.findByText('Maria Requester');
    expect(screen.getByText('1 open annotation on this version will be listed with a request for changes.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Request changes' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Recorded: Changes requested. The ticket is now In progress'));
    fireEvent.click(screen.getByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Recorded: Approved. The ticket is now Closed'));
    expect(sent.filter((operation) => operation.operationName === 'RecordReviewDecision').map((operation) => operation.variables.input)).toEqual([
      { attachmentId: 'v2', verdict: 'CHANGES_REQUESTED' },
      { attachmentId: 'v2', verdict: 'APPROVED' },
    ]);
  });

  it('shows the decisions but not the form to a viewer who may not decide (viewerCanDecide false)', async () => {
    const { client } = fakeClient(server('COMPLETED', [], false));
    render(() => (
      <Provider value={client}>
        <DecisionPanel context={contextFor(version(2))} />
      </Provider>
    ));
    expect((await screen.findByText('Maria Requester')).closest('li')?.textContent).toContain('Approved');
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Request changes' })).toBeNull();
    expect(screen.queryByLabelText('Note')).toBeNull();
  });

  it('records decisions on the latest version only', async () => {
    const { client } = fakeClient(server('IN_PROGRESS'));
    render(() => (
      <Provider value={client}>
        <DecisionPanel context={contextFor(version(1))} />
      </Provider>
    ));
    expect(await screen.findByRole('button', { name: 'Open version 2' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
  });
});
