import { cleanup, fireEvent, render, screen, waitFor, within } from '@solidjs/testing-library';
import { Provider } from '@urql/solid';
import { afterEach, describe, expect, it } from 'vitest';
import { insertMention, mentionAt } from '../../lib/mentions';
import { fakeClient, type Responder } from '../../test/fake-client';
import { CommentSection, CommentTree } from './comment-section';
import { commentThreads } from './comment-tree';

afterEach(cleanup);

const person = (name: string) => ({ __typename: 'User', id: `u-${name}`, username: name.toLowerCase(), displayName: name });
const comment = (id: string, at: string, author: string, body: string, replies: ReturnType<typeof reply>[] = []) => ({
  __typename: 'Comment',
  id,
  body,
  createdAt: at,
  author: person(author),
  replies,
});
const reply = (id: string, at: string, author: string, body: string) => ({ __typename: 'Comment', id, body, createdAt: at, author: person(author) });

describe('commentThreads', () => {
  it('orders threads and their replies oldest first whatever order they arrive in', () => {
    const threads = commentThreads([
      comment('c2', '2026-11-02T10:00:00Z', 'Bo', 'second', [
        reply('r2', '2026-11-03T09:00:00Z', 'Al', 'late'),
        reply('r1', '2026-11-02T11:00:00Z', 'Al', 'early'),
      ]),
      comment('c1', '2026-11-01T10:00:00Z', 'Al', 'first'),
    ]);
    expect(threads.map((thread) => thread.comment.id)).toEqual(['c1', 'c2']);
    expect(threads[1]?.replies.map((entry) => entry.id)).toEqual(['r1', 'r2']);
  });
});

describe('CommentTree', () => {
  it("marks an annotation's comment with its file, number and state, linking to the file's proof view", () => {
    const annotation = (state: 'OPEN' | 'RESOLVED', number: number) => ({
      id: `a${number}`,
      number,
      state,
      attachment: { id: 'QXR0YWNobWVudDox=', fileName: 'hero.png', version: 2 },
    });
    const threads = commentThreads([
      { ...comment('c1', '2026-11-01T10:00:00Z', 'Mia', 'Bigger logo'), annotation: annotation('RESOLVED', 3) },
      { ...comment('c2', '2026-11-01T11:00:00Z', 'Mia', 'Darker sky'), annotation: annotation('OPEN', 4) },
      comment('c3', '2026-11-01T12:00:00Z', 'Bo', 'Plain comment'),
    ]);
    render(() => <CommentTree threads={threads} canReply={false} ticketNumber={12} />);
    const resolved = screen.getByRole('link', { name: 'on hero.png v2 · #3 · Resolved' });
    expect(resolved.getAttribute('href')).toBe('/tickets/12/files/QXR0YWNobWVudDox%3D');
    expect(screen.getByRole('link', { name: 'on hero.png v2 · #4 · Open' })).toBeTruthy();
    expect(screen.getAllByRole('link')).toHaveLength(2);
  });

  it('nests replies under their own comment, in order', () => {
    const threads = commentThreads([
      comment('c1', '2026-11-01T10:00:00Z', 'Al', 'Is the copy final?', [
        reply('r2', '2026-11-01T12:00:00Z', 'Al', 'Thanks!'),
        reply('r1', '2026-11-01T11:00:00Z', 'Bo', 'Yes, final.'),
      ]),
      comment('c2', '2026-11-02T10:00:00Z', 'Cy', 'Uploaded v2.'),
    ]);
    render(() => <CommentTree threads={threads} canReply={false} />);
    const list = screen.getByRole('list', { name: 'Discussion' });
    const threadsShown = within(list)
      .getAllByRole('listitem')
      .filter((item) => item.parentElement === list);
    expect(threadsShown).toHaveLength(2);
    const replies = within(threadsShown[0]!).getByRole('list', { name: 'Replies to Al' });
    expect(
      within(replies)
        .getAllByRole('listitem')
        .map((item) => item.querySelector('.comment-body')?.textContent),
    ).toEqual(['Yes, final.', 'Thanks!']);
    expect(within(threadsShown[1]!).queryByRole('list')).toBeNull();
    expect(threadsShown[1]!.textContent).toContain('Uploaded v2.');
  });

  it('says so when there is nothing yet', () => {
    render(() => <CommentTree threads={[]} canReply />);
    expect(screen.getByText('No comments yet. Start the conversation below.')).toBeTruthy();
  });
});

describe('CommentSection', () => {
  const answer: Responder = (operation) => {
    if (operation.operationName === 'TicketComments') {
      return {
        data: {
          ticket: {
            __typename: 'Ticket',
            id: 't1',
            commentCount: 1,
            comments: { __typename: 'TicketCommentsConnection', totalCount: 1, nodes: [comment('c1', '2026-11-01T10:00:00Z', 'Al', 'Hello')] },
          },
        },
      };
    }
    if (operation.operationName === 'MentionCandidates') {
      return { data: { ticket: { __typename: 'Ticket', id: 't1', mentionableUsers: [person('Dana'), person('Dario')] } } };
    }
    if (operation.operationName === 'AddTicketComment') {
      return { data: { addComment: { __typename: 'CommentPayload', comment: { __typename: 'Comment', id: 'c9' } } } };
    }
    return { errors: [{ message: 'unexpected' }] };
  };

  it('counts every comment, replies included, in its heading (one thread with two replies is 3)', async () => {
    const { client } = fakeClient((operation) =>
      operation.operationName === 'TicketComments'
        ? {
            data: {
              ticket: {
                __typename: 'Ticket',
                id: 't1',
                commentCount: 3,
                comments: {
                  __typename: 'TicketCommentsConnection',
                  totalCount: 1,
                  nodes: [
                    comment('c1', '2026-11-01T10:00:00Z', 'Al', 'Is the copy final?', [
                      reply('r1', '2026-11-01T11:00:00Z', 'Bo', 'Yes, final.'),
                      reply('r2', '2026-11-01T12:00:00Z', 'Al', 'Thanks!'),
                    ]),
                  ],
                },
              },
            },
          }
        : answer(operation),
    );
    render(() => (
      <Provider value={client}>
        <CommentSection ticketId="t1" canComment={false} liveTick={0} />
      </Provider>
    ));
    await screen.findByText('Thanks!');
    expect(screen.getByRole('heading', { name: /^Comments/ }).textContent).toBe('Comments3');
  });

  it('replies under a comment with its parent id, and posts top-level comments without one', async () => {
    const { client, sent } = fakeClient(answer);
    render(() => (
      <Provider value={client}>
        <CommentSection ticketId="t1" canComment liveTick={0} />
      </Provider>
    ));
    await screen.findByText('Hello');
    fireEvent.click(screen.getByRole('button', { name: 'Reply' }));
    fireEvent.input(screen.getByLabelText('Reply to Al'), { target: { value: 'On it' } });
    fireEvent.click(screen.getByRole('button', { name: 'Post reply' }));
    await waitFor(() => expect(sent.some((operation) => operation.operationName === 'AddTicketComment')).toBe(true));
    expect(sent.find((operation) => operation.operationName === 'AddTicketComment')?.variables.input).toEqual({
      ticketId: 't1',
      body: 'On it',
      parentId: 'c1',
    });

    fireEvent.input(screen.getByLabelText('Comment'), { target: { value: 'Top level' } });
    fireEvent.click(screen.getByRole('button', { name: 'Post comment' }));
    await waitFor(() => expect(sent.filter((operation) => operation.operationName === 'AddTicketComment')).toHaveLength(2));
    expect(sent.filter((operation) => operation.operationName === 'AddTicketComment')[1]?.variables.input).toEqual({ ticketId: 't1', body: 'Top level' });
  });

  it('offers the people who may read the ticket after an @ and inserts the picked username', async () => {
    const { client, sent } = fakeClient(answer);
    render(() => (
      <Provider value={client}>
        <CommentSection ticketId="t1" canComment liveTick={0} />
      </Provider>
    ));
    const box = screen.getByLabelText('Comment') as HTMLTextAreaElement;
    box.value = 'Thanks @da';
    box.setSelectionRange(10, 10);
    fireEvent.input(box);
    const options = await screen.findAllByRole('option');
    expect(options.map((option) => option.textContent)).toEqual(['DDana@dana', 'DDario@dario']);
    expect(sent.find((operation) => operation.operationName === 'MentionCandidates')?.variables).toEqual({ id: 't1', search: 'da' });
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(box.value).toBe('Thanks @dario ');
    expect(screen.queryByRole('listbox')).toBeNull();
  });

  it('says so when nobody who can read the ticket matches the typed name', async () => {
    const { client } = fakeClient((operation) =>
      operation.operationName === 'MentionCandidates' ? { data: { ticket: { __typename: 'Ticket', id: 't1', mentionableUsers: [] } } } : answer(operation),
    );
    render(() => (
      <Provider value={client}>
        <CommentSection ticketId="t1" canComment liveTick={0} />
      </Provider>
    ));
    const box = screen.getByLabelText('Comment') as HTMLTextAreaElement;
    box.value = 'Ping @zed';
    box.setSelectionRange(9, 9);
    fireEvent.input(box);
    expect((await screen.findByText(/^Nobody who can read/)).getAttribute('role')).toBe('status');
    expect(screen.getByText(/^Nobody who can read/).textContent).toBe('Nobody who can read this ticket matches “@zed”.');
    expect(screen.queryByRole('listbox')).toBeNull();
  });
});

describe('mentions', () => {
  it('finds the partial @name at the caret, not an e-mail address', () => {
    expect(mentionAt('hi @dan', 7)).toEqual({ start: 3, query: 'dan' });
    expect(mentionAt('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionAt('mail a@b.c', 10)).toBeNull();
    expect(mentionAt('hi @dan and', 11)).toBeNull();
  });

  it('replaces the partial name and keeps the rest', () => {
    expect(insertMention('hi @da there', { start: 3, query: 'da' }, 6, 'dana')).toEqual({ text: 'hi @dana there', caret: 9 });
  });
});
