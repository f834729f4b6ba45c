import { describe, expect, it } from 'vitest';
import { checkReplyRoom, MAX_REPLIES_PER_COMMENT } from './comments.ts';
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
