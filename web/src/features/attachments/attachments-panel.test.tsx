import { cleanup, fireEvent, render, screen } from '@solidjs/testing-library';
import { Provider } from '@urql/solid';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeClient } from '../../test/fake-client';
import { AttachmentsPanel } from './attachments-panel';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const answer = () => ({
  data: {
    attachmentRules: {
      __typename: 'AttachmentRules',
      maxBytes: 10 * 1024 * 1024,
      maxSize: '10 MB',
      accepted: [{ __typename: 'AcceptedFileType', label: 'PNG', extensions: ['png'] }],
    },
    ticket: { __typename: 'Ticket', id: 't1', attachments: [] },
  },
});

/** A picked file of `size` bytes without holding them (only its size and name matter here). */
function pickedFile(name: string, size: number, type: string): File {
  const file = new File(['x'], name, { type });
  Object.defineProperty(file, 'size', { value: size });
  return file;
}

describe('AttachmentsPanel', () => {
  it('says why a file is refused without sending a byte of it, in words', async () => {
    const opened = vi.spyOn(XMLHttpRequest.prototype, 'open');
    const { client } = fakeClient(answer);
    render(() => (
      <Provider value={client}>
        <AttachmentsPanel ticketId="t1" canAttach liveTick={0} />
      </Provider>
    ));
    expect(await screen.findByText('PNG, up to 10 MB each.')).toBeTruthy();
    const picker = screen.getByLabelText('Choose files') as HTMLInputElement;
    expect(picker.accept).toBe('.png');

    fireEvent.change(picker, {
      target: { files: [pickedFile('shoot.png', 11 * 1024 * 1024, 'image/png'), pickedFile('setup.exe', 2_000, 'application/x-msdownload')] },
    });
    const alerts = await screen.findAllByRole('alert');
    expect(alerts.map((alert) => alert.textContent)).toEqual([
      'Not uploaded: This file is too large: files up to 10 MB can be attached.',
      "Not uploaded: This kind of file isn't accepted: .exe.",
    ]);
    expect(opened).not.toHaveBeenCalled();
  });
});
