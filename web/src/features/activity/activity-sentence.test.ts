import { describe, expect, it } from 'vitest';
import { afterActor } from './activity-sentence';

describe('afterActor', () => {
  it("drops the actor's username the sentence starts with, and nothing else", () => {
    expect(afterActor('mia approved #12 for its department; waiting for Creative', 'mia')).toBe('approved #12 for its department; waiting for Creative');
    // Another user's name, a name that only starts the same, and no actor at all leave the sentence whole.
    expect(afterActor('mia approved #12', 'dan')).toBe('mia approved #12');
    expect(afterActor('mia.b approved #12', 'mia')).toBe('mia.b approved #12');
    expect(afterActor('seeded demo data', undefined)).toBe('seeded demo data');
  });
});
