import { describe, expect, it } from 'vitest';
import { describeGap, reviewGaps } from './review-warning-rules';

const file = (id: string, fileName: string, version: number, open = 0) => ({ id, fileName, version, annotations: Array.from({ length: open }, () => ({})) });

describe('reviewGaps', () => {
  it('looks at each file’s latest version only', () => {
    const files = [file('h2', 'hero.png', 2), file('h1', 'hero.png', 1, 3), file('b1', 'banner.pdf', 1, 1)];
    expect(reviewGaps(files, ['h2'])).toEqual([{ attachmentId: 'b1', fileName: 'banner.pdf', openNotes: 1, undecided: true }]);
    expect(reviewGaps(files, ['h1', 'b1'])).toEqual([
      { attachmentId: 'h2', fileName: 'hero.png', openNotes: 0, undecided: true },
      { attachmentId: 'b1', fileName: 'banner.pdf', openNotes: 1, undecided: false },
    ]);
    expect(reviewGaps([file('h1', 'hero.png', 1)], ['h1'])).toEqual([]);
  });

  it('says what is open in words', () => {
    expect(describeGap({ attachmentId: 'a', fileName: 'hero.png', openNotes: 2, undecided: false })).toBe('2 open notes on hero.png');
    expect(describeGap({ attachmentId: 'a', fileName: 'hero.png', openNotes: 1, undecided: false })).toBe('1 open note on hero.png');
    expect(describeGap({ attachmentId: 'a', fileName: 'banner.pdf', openNotes: 0, undecided: true })).toBe('banner.pdf has no review decision');
    expect(describeGap({ attachmentId: 'a', fileName: 'hero.png', openNotes: 3, undecided: true })).toBe(
      '3 open notes on hero.png, which has no review decision',
    );
  });
});
