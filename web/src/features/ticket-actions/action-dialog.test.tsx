import { cleanup, fireEvent, render, screen } from '@solidjs/testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ActionDialog } from './action-dialog';

const ticket = { number: 42, title: 'Launch banner' };

afterEach(cleanup);

describe('ActionDialog', () => {
  it('will not send a rejection without a reason, and sends the one typed', async () => {
    const onSubmit = vi.fn(async () => undefined);
    render(() => <ActionDialog action="REJECT" ticket={ticket} onSubmit={onSubmit} onClose={() => {}} />);
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
    render(() => <ActionDialog action="REQUEST_REVISION" ticket={ticket} onSubmit={onSubmit} onClose={() => {}} />);
    const reason = screen.getByLabelText('Reason') as HTMLTextAreaElement;
    fireEvent.input(reason, { target: { value: 'Logo too small' } });
    fireEvent.click(screen.getByRole('button', { name: 'Request revision', hidden: true }));
    expect(await screen.findByRole('alert', { hidden: true })).toBeTruthy();
    expect(reason.value).toBe('Logo too small');
  });

  it('closes on Escape (the dialog cancel event)', () => {
    const onClose = vi.fn();
    render(() => <ActionDialog action="COMPLETE" ticket={ticket} onSubmit={async () => undefined} onClose={onClose} />);
    fireEvent(screen.getByRole('dialog', { hidden: true }), new Event('cancel', { cancelable: true }));
    expect(onClose).toHaveBeenCalled();
  });

  it('rejects hours that are not a positive number', async () => {
    const onSubmit = vi.fn(async () => undefined);
    render(() => <ActionDialog action="COMPLETE" ticket={ticket} onSubmit={onSubmit} onClose={() => {}} />);
    fireEvent.input(screen.getByLabelText('Actual hours'), { target: { value: '-3' } });
    fireEvent.click(screen.getByRole('button', { name: 'Complete', hidden: true }));
    await Promise.resolve();
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByText(/positive number/)).toBeTruthy();
  });
});
