import { createMemoryHistory, MemoryRouter, Route } from '@solidjs/router';
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
    ticket: { __typename: 'Ticket', id: 't1', attachments: [], reviewDecisions: [] },
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

  it("shows where each file's review stands, uploads a new version under the card's name", async () => {
    const file = (id: string, fileName: string, version: number) => ({
      __typename: 'Attachment',
      id,
      fileName,
      mimeType: 'image/png',
      size: 2_000,
      version,
      width: 10,
      height: 10,
      url: `/files/${id}`,
      previewUrl: null,
      createdAt: '2026-11-01T10:00:00Z',
      viewerCanDelete: false,
      uploader: { __typename: 'User', id: 'u1', displayName: 'Dana' },
    });
    const decision = (id: string, verdict: string, attachmentId: string) => ({
      __typename: 'ReviewDecision',
      id,
      verdict,
      attachment: { __typename: 'Attachment', id: attachmentId },
    });
    const withFiles = () => {
      const base = answer();
      return {
        data: {
          ...base.data,
          ticket: {
            __typename: 'Ticket',
            id: 't1',
            attachments: [file('h1', 'hero.png', 1), file('h2', 'hero.png', 2), file('b1', 'banner.png', 1), file('l1', 'logo.png', 1)],
            // hero.png v2: one approval, one request for changes; banner.png approved; logo.png undecided.
            reviewDecisions: [
              decision('d1', 'APPROVED', 'h2'),
              decision('d2', 'CHANGES_REQUESTED', 'h2'),
              decision('d3', 'APPROVED', 'b1'),
              decision('d4', 'CHANGES_REQUESTED', 'h1'),
            ],
          },
        },
      };
    };
    const sent: FormData[] = [];
    vi.spyOn(XMLHttpRequest.prototype, 'open').mockImplementation(() => undefined);
    vi.spyOn(XMLHttpRequest.prototype, 'setRequestHeader').mockImplementation(() => undefined);
    vi.spyOn(XMLHttpRequest.prototype, 'send').mockImplementation((body) => {
      sent.push(body as FormData);
    });
    const { client } = fakeClient(withFiles);
    // The cards' Review links are router links, relative to the ticket's route.
    const history = createMemoryHistory();
    history.set({ value: '/tickets/12' });
    render(() => (
      <Provider value={client}>
        <MemoryRouter history={history}>
          <Route path="*" component={() => <AttachmentsPanel ticketId="t1" canAttach liveTick={0} />} />
        </MemoryRouter>
      </Provider>
    ));
    const cards = await screen.findAllByRole('listitem');
    const statusOf = (name: string) => cards.find((card) => card.textContent?.includes(name))?.querySelector('.attachments-status')?.textContent ?? null;
    expect(statusOf('hero.png')).toBe('Changes requested');
    expect(statusOf('banner.png')).toBe('Approved');
    expect(statusOf('logo.png')).toBeNull();

    fireEvent.change(screen.getByLabelText('Upload new version of hero.png'), {
      target: { files: [new File(['new'], 'hero-final.png', { type: 'image/png' })] },
    });
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect((sent[0]?.get('0') as File | undefined)?.name).toBe('hero.png');
  });

  it('does not say "No files yet." while the first file uploads', async () => {
    vi.spyOn(XMLHttpRequest.prototype, 'open').mockImplementation(() => undefined);
    vi.spyOn(XMLHttpRequest.prototype, 'setRequestHeader').mockImplementation(() => undefined);
    vi.spyOn(XMLHttpRequest.prototype, 'send').mockImplementation(() => undefined);
    const { client } = fakeClient(answer);
    render(() => (
      <Provider value={client}>
        <AttachmentsPanel ticketId="t1" canAttach liveTick={0} />
      </Provider>
    ));
    expect(await screen.findByText('No files yet.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Choose files'), { target: { files: [new File(['x'], 'hero.png', { type: 'image/png' })] } });
    expect(await screen.findByLabelText('Uploading hero.png')).toBeTruthy();
    expect(screen.queryByText('No files yet.')).toBeNull();
  });
});
