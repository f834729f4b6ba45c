import { describe, expect, it } from 'vitest';
import { type CarriedAnnotation, carriedLabel, repinInput } from './compare-carry';

const base: CarriedAnnotation = {
  number: 2,
  page: null,
  shape: 'PIN',
  x: 0.25,
  y: 0.75,
  width: null,
  height: null,
  points: [],
  comment: { body: 'Logo 20 px left' },
};

describe('re-pinning an open annotation on the newer version', () => {
  it('keeps the spot (fractions of the image) and the words', () => {
    expect(repinInput(base, 'v2')).toEqual({ attachmentId: 'v2', shape: 'PIN', x: 0.25, y: 0.75, body: 'Logo 20 px left' });
  });

  it('keeps a rectangle’s size, an arrow’s points and a PDF page', () => {
    expect(repinInput({ ...base, shape: 'RECT', width: 0.1, height: 0.2, page: 3 }, 'v2')).toEqual({
      attachmentId: 'v2',
      shape: 'RECT',
      x: 0.25,
      y: 0.75,
      width: 0.1,
      height: 0.2,
      page: 3,
      body: 'Logo 20 px left',
    });
    expect(repinInput({ ...base, shape: 'ARROW', points: [0.1, 0.1, 0.5, 0.5] }, 'v2')).toMatchObject({ shape: 'ARROW', points: [0.1, 0.1, 0.5, 0.5] });
  });

  it('names it by number and page', () => {
    expect(carriedLabel(base)).toBe('#2');
    expect(carriedLabel({ number: 4, page: 2 })).toBe('#4 (page 2)');
  });
});
