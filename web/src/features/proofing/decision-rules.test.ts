import { describe, expect, it } from 'vitest';
import { CHANGES_NEED_A_REASON, decisionButtonLabel, decisionRefusal, noteToSend } from './decision-rules';

describe('the review decision form', () => {
  it('approves with or without a note', () => {
    expect(decisionRefusal({ verdict: 'APPROVED', note: '', openAnnotations: 0 })).toBeUndefined();
    expect(decisionRefusal({ verdict: 'APPROVED', note: 'Lovely', openAnnotations: 3 })).toBeUndefined();
  });

  it('requests changes only with an open annotation on this version or a note', () => {
    expect(decisionRefusal({ verdict: 'CHANGES_REQUESTED', note: '', openAnnotations: 0 })).toBe(CHANGES_NEED_A_REASON);
    expect(decisionRefusal({ verdict: 'CHANGES_REQUESTED', note: '   \n ', openAnnotations: 0 })).toBe(CHANGES_NEED_A_REASON);
    expect(decisionRefusal({ verdict: 'CHANGES_REQUESTED', note: '', openAnnotations: 1 })).toBeUndefined();
    expect(decisionRefusal({ verdict: 'CHANGES_REQUESTED', note: 'The price is wrong', openAnnotations: 0 })).toBeUndefined();
  });

  it('sends a trimmed note, or none', () => {
    expect(noteToSend('  Move the logo  ')).toBe('Move the logo');
    expect(noteToSend('   ')).toBeUndefined();
    expect(decisionButtonLabel('APPROVED')).toBe('Approve');
    expect(decisionButtonLabel('CHANGES_REQUESTED')).toBe('Request changes');
  });
});
