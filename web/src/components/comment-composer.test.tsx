import { cleanup, fireEvent, render, screen } from '@solidjs/testing-library';
import { Provider } from '@urql/solid';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeClient } from '../test/fake-client';
import { CommentComposer } from './comment-composer';
import { COMMENT_DRAFT_MAX_AGE_MS, COMMENT_DRAFT_MAX_CHARS, COMMENT_DRAFTS_KEPT, loadCommentDraft, saveCommentDraft } from './comment-composer-draft';

function mount(draftKey: string, onPost: (body: string) => Promise<string | undefined> = async () => undefined, ticketId = 't1') {
  const fake = fakeClient(() => ({ data: { ticket: null } }));
  render(() => (
    <Provider value={fake.client}>
      <CommentComposer ticketId={ticketId} draftKey={draftKey} label="Comment" submitLabel="Post comment" onPost={onPost} />
    </Provider>
  ));
  return screen.getByLabelText('Comment') as HTMLTextAreaElement;
}

beforeEach(() => localStorage.clear());
afterEach(() => {
  cleanup();
  localStorage.clear();
});

describe('CommentComposer drafts', () => {
  it('brings back what was typed when it mounts again, and forgets it once posted', async () => {
    fireEvent.input(mount('comment'), { target: { value: 'Half a thought' } });
    cleanup();

    const box = mount('comment');
    expect(box.value).toBe('Half a thought');

    const onPost = vi.fn(async () => undefined);
    cleanup();
    const again = mount('comment', onPost);
    fireEvent.click(screen.getByRole('button', { name: 'Post comment' }));
    await vi.waitFor(() => expect(onPost).toHaveBeenCalledWith('Half a thought'));
    await vi.waitFor(() => expect(again.value).toBe(''));
    cleanup();
    expect(mount('comment').value).toBe('');
  });

  it('keeps the draft when posting is refused', async () => {
    fireEvent.input(
      mount('comment', async () => 'You may no longer comment.'),
      { target: { value: 'Still mine' } },
    );
    fireEvent.click(screen.getByRole('button', { name: 'Post comment' }));
    expect(await screen.findByText('You may no longer comment.')).toBeTruthy();
    cleanup();
    expect(mount('comment').value).toBe('Still mine');
  });

  it('keeps one draft per place: a reply, another ticket and the new comment do not share text', () => {
    fireEvent.input(mount('reply:c1'), { target: { value: 'A reply' } });
    cleanup();
    expect(mount('comment').value).toBe('');
    cleanup();
    expect(mount('reply:c1', undefined, 't2').value).toBe('');
    cleanup();
    expect(mount('reply:c1').value).toBe('A reply');
  });
});

describe('comment drafts in storage', () => {
  const at = (place: string) => ({ userId: 'u1', ticketId: 't1', place });
  const day = 24 * 60 * 60 * 1000;

  it('expire after a week', () => {
    saveCommentDraft(at('comment'), 'old words', 0);
    expect(loadCommentDraft(at('comment'), COMMENT_DRAFT_MAX_AGE_MS - day)).toBe('old words');
    expect(loadCommentDraft(at('comment'), COMMENT_DRAFT_MAX_AGE_MS + day)).toBe('');
    expect(localStorage.length).toBe(0);
  });

  it('keep only the newest ones, each no longer than a comment may be', () => {
    for (let index = 0; index <= COMMENT_DRAFTS_KEPT; index++) saveCommentDraft(at(`reply:${index}`), `draft ${index}`, index);
    saveCommentDraft(at('comment'), 'x'.repeat(COMMENT_DRAFT_MAX_CHARS + 5), COMMENT_DRAFTS_KEPT + 1);
    expect(loadCommentDraft(at('comment'), COMMENT_DRAFTS_KEPT + 2)).toHaveLength(COMMENT_DRAFT_MAX_CHARS);
    expect(localStorage.length).toBe(COMMENT_DRAFTS_KEPT);
    expect(loadCommentDraft(at('reply:1'), COMMENT_DRAFTS_KEPT + 2)).toBe('');
    expect(loadCommentDraft(at(`reply:${COMMENT_DRAFTS_KEPT}`), COMMENT_DRAFTS_KEPT + 2)).toBe(`draft ${COMMENT_DRAFTS_KEPT}`);
  });

  it('are removed when the box is emptied', () => {
    saveCommentDraft(at('comment'), 'words');
    saveCommentDraft(at('comment'), '  ');
    expect(localStorage.length).toBe(0);
  });
});
