import { describe, expect, it } from 'vitest';
import { stepSummary } from './step-summary.ts';

describe('stepSummary', () => {
  it('says each step in words, with where the ticket now stands', () => {
    expect(stepSummary('mia', 'APPROVE', 12, 'PENDING_CREATIVE')).toBe('mia approved #12 for its department; waiting for Creative');
    expect(stepSummary('cara', 'APPROVE', 12, 'APPROVED')).toBe('cara approved #12 for Creative; ready to assign');
    expect(stepSummary('mia', 'REJECT', 7, 'REJECTED')).toBe('mia rejected #7');
    expect(stepSummary('dan', 'START', 3, 'IN_PROGRESS')).toBe('dan started work on #3');
    expect(stepSummary('dan', 'COMPLETE', 3, 'COMPLETED')).toBe('dan completed #3; waiting for the requester to confirm');
    expect(stepSummary('sam', 'CONFIRM', 3, 'CLOSED')).toBe('sam confirmed #3 is done; closed');
    expect(stepSummary('admin', 'DELETE', 9, 'REQUESTED')).toBe('admin moved #9 to the trash');
    expect(stepSummary('admin', 'RESTORE', 9, 'REQUESTED')).toBe('admin restored #9 from the trash');
  });
});
