import { describe, expect, it } from 'vitest';
import { findTextProblem, MAX_TEXT_LENGTH, textProblem } from './text.ts';

describe('textProblem', () => {
  it.each([
    ['plain text', 'Spring banner'],
    ['emoji (a surrogate pair)', 'Launch 🚀 now'],
    ['non-Latin scripts', 'Bagong banner — 新しい'],
    ['the longest allowed', 'x'.repeat(MAX_TEXT_LENGTH)],
  ])('accepts %s', (_label, value) => {
    expect(textProblem(value)).toBeNull();
  });

  it.each([
    ['a NUL character', 'abc\u0000def', /NUL/],
    ['a lone high surrogate', 'abc\uD83Ddef', /surrogate/],
    ['a lone low surrogate', '\uDE80abc', /surrogate/],
    ['a high surrogate at the end', 'abc\uD83D', /surrogate/],
    ['one character too many', 'x'.repeat(MAX_TEXT_LENGTH + 1), /longer than/],
  ])('refuses %s', (_label, value, message) => {
    expect(textProblem(value)).toMatch(message);
  });
});

describe('findTextProblem', () => {
  it('names the path of the first bad text in nested input', () => {
    expect(findTextProblem({ input: { title: 'ok', tags: ['fine', 'bad\u0000'] } }, '')).toEqual({
      path: 'input.tags[1]',
      problem: 'contains a NUL character',
    });
  });

  it('finds nothing in clean input of any shape', () => {
    expect(findTextProblem({ input: { title: 'ok', quantity: 3, when: null, items: [{ name: 'a' }] } }, '')).toBeNull();
  });
});
