import { describe, expect, it } from 'vitest';
import { checkReplyParent, checkReplyRoom, MAX_REPLIES_PER_COMMENT } from './comments.ts';
import { DomainError } from './errors.ts';

describe('checkReplyRoom', () => {
  it('takes replies up to MAX_REPLIES_PER_COMMENT, then BAD_USER_INPUT on parentId', () => {
    expect(() => checkReplyRoom(MAX_REPLIES_PER_COMMENT - 1)).not.toThrow();
    try {
      checkReplyRoom(MAX_REPLIES_PER_COMMENT);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({
        code: 'BAD_USER_INPUT',
        details: { field: 'parentId' },
        message: expect.stringContaining(`${MAX_REPLIES_PER_COMMENT} replies`),
      });
    }
  });
});

describe('checkReplyParent', () => {
  const parent = { ticketId: 't1', parentId: null, replies: 0 };
  const refusal = (run: () => void) => {
    try {
      run();
    } catch (error) {
      return error;
    }
    return null;
  };

  it('takes a comment of the same ticket that is not itself a reply', () => {
    expect(() => checkReplyParent(parent, 't1')).not.toThrow();
  });

  it('refuses, on parentId, a missing parent, one of another ticket, a reply (replies do not nest) and a full thread', () => {
    expect(refusal(() => checkReplyParent(null, 't1'))).toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'parentId' } });
    expect(refusal(() => checkReplyParent({ ...parent, ticketId: 't2' }, 't1'))).toMatchObject({ message: 'parentId is not a comment of this ticket.' });
    expect(refusal(() => checkReplyParent({ ...parent, parentId: 'c0' }, 't1'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      details: { field: 'parentId' },
      message: 'Reply to the comment itself: replies do not nest.',
    });
    expect(refusal(() => checkReplyParent({ ...parent, replies: MAX_REPLIES_PER_COMMENT }, 't1'))).toMatchObject({
      message: expect.stringContaining(`${MAX_REPLIES_PER_COMMENT} replies`),
    });
  });
});
