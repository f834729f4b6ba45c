import { describe, expect, it } from 'vitest';
import { PROOF_KEY_ROWS, PROOF_KEYS, proofCommand } from './proof-keys';

type Target = { closest: (selector: string) => unknown };
const on = (tag: 'body' | 'textarea' | 'button'): Target => ({
  closest: (selector: string) => (selector.split(',').some((part) => part.trim() === tag || part.trim().startsWith(`${tag}[`)) ? {} : null),
});
const press = (key: string, target: Target = on('body'), modifiers: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) =>
  proofCommand({ key, ctrlKey: false, metaKey: false, altKey: false, defaultPrevented: false, target: target as unknown as EventTarget, ...modifiers });

describe('proofCommand', () => {
  it('maps zoom, pan and moving between annotations', () => {
    expect(press('+')).toBe('zoom-in');
    expect(press('-')).toBe('zoom-out');
    expect(press('0')).toBe('zoom-reset');
    expect(press('ArrowLeft')).toBe('pan-left');
    expect(press('n')).toBe('next');
    expect(press('k')).toBe('previous');
    expect(press('Enter')).toBe('open');
    expect(press('m')).toBe('place-pin');
  });

  it('lists every key in the shortcuts sheet’s rows', () => {
    const listed = new Set(PROOF_KEY_ROWS.flatMap((row) => row.keys));
    const shown: Record<string, string> = { '-': '−', '=': '+', ArrowLeft: '←', ArrowRight: '→', ArrowUp: '↑', ArrowDown: '↓', Escape: 'Esc' };
    const described = PROOF_KEY_ROWS.map((row) => row.description).join(' ');
    for (const key of Object.keys(PROOF_KEYS)) {
      // A key is listed as a key of its own row, or named in the description of its twin (j beside n).
      expect(listed.has(shown[key] ?? key) || (/^[a-z]$/.test(key) && new RegExp(`\\b${key}\\b`).test(described)), key).toBe(true);
    }
  });

  it('stays silent while typing, with a modifier, and leaves Enter to buttons', () => {
    expect(press('n', on('textarea'))).toBeUndefined();
    expect(press('+', on('body'), { ctrlKey: true })).toBeUndefined();
    expect(press('Enter', on('button'))).toBeUndefined();
    expect(press('x')).toBeUndefined();
  });
});
