import { describe, expect, it } from 'vitest';
import { mentionedUsernames } from './mentions.ts';

describe('mentionedUsernames', () => {
  it('finds distinct mentions with dots and dashes, in order', () => {
    expect(mentionedUsernames('@designer please sync with @creative.manager and @Designer.')).toEqual(['designer', 'creative.manager']);
  });
  it('ignores e-mail addresses and a bare @', () => {
    expect(mentionedUsernames('mail ops@example.com or @ or @@')).toEqual([]);
  });
  it('finds a mention at the start of a line and after punctuation', () => {
    expect(mentionedUsernames('(@seller)\n@marketer: ok')).toEqual(['seller', 'marketer']);
  });
});
