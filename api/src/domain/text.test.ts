import { describe, expect, it } from 'vitest';
import { findTextProblem, MAX_INPUT_DEPTH, MAX_TEXT_LENGTH, textProblem } from './text.ts';

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

  it('refuses input nested past the limit without overflowing the stack (100,000 levels)', () => {
    let deep: unknown = 'leaf';
    for (let level = 0; level < 100_000; level += 1) deep = [deep];
    const found = findTextProblem({ input: deep }, '');
    expect(found?.problem).toBe(`is nested deeper than ${MAX_INPUT_DEPTH} levels`);
    expect(found?.path).toBe(`input${'[0]'.repeat(MAX_INPUT_DEPTH - 1)}`);
  });

  it('accepts input nested exactly to the limit', () => {
    let deep: unknown = 'leaf';
    for (let level = 1; level < MAX_INPUT_DEPTH; level += 1) deep = { a: deep };
    expect(findTextProblem({ input: deep }, '')).toBeNull();
  });

  it('never reads an uploaded file: a Blob, or a look-alike with arrayBuffer and stream (a fetch ponyfill File)', () => {
    let bytesRead = 0;
    const ponyfillFile = {
      arrayBuffer: () => undefined,
      stream: () => undefined,
      get blobParts() {
        bytesRead += 1;
        return [new Uint8Array(1024)];
      },
    };
    const file = new File(['bad\u0000'], 'a.txt');
    expect(findTextProblem({ input: { file, other: ponyfillFile } }, '')).toBeNull();
    expect(bytesRead).toBe(0);
  });
});
