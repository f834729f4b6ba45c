// The keyboard's single-key commands, as data: the sheet (`?`) lists them and the listener decides with them,
// so what is shown is what works. Pure: no DOM beyond reading a key event's fields.

import { PROOF_KEY_ROWS } from '../proofing/proof-keys';

export type ShortcutCommand =
  | { kind: 'go'; to: string }
  | { kind: 'new-request' }
  | { kind: 'help' }
  | { kind: 'move'; direction: 'next' | 'previous' | 'left' | 'right' }
  | { kind: 'assign' }
  | { kind: 'edit' };

export type ShortcutRow = { keys: readonly string[]; second?: string; description: string };
export type ShortcutGroup = { title: string; rows: readonly ShortcutRow[] };

/** What the sheet shows, grouped; `/` and Ctrl+K belong to the command palette, listed here for completeness. */
export const SHORTCUT_GROUPS: readonly ShortcutGroup[] = [
  {
    title: 'Anywhere',
    rows: [
      { keys: ['c'], description: 'New request' },
      { keys: ['/'], description: 'Search' },
      { keys: ['Ctrl', 'K'], description: 'Command palette (⌘K on a Mac)' },
      { keys: ['g'], second: 'b', description: 'Go to the board' },
      { keys: ['g'], second: 't', description: 'Go to tickets' },
      { keys: ['g'], second: 'd', description: 'Go to the dashboard' },
      { keys: ['?'], description: 'Show these shortcuts' },
    ],
  },
  {
    title: 'Board and ticket list',
    rows: [
      { keys: ['j'], description: 'Next card or row (also ↓)' },
      { keys: ['k'], description: 'Previous card or row (also ↑)' },
      { keys: ['←', '→'], description: 'Column to the left or right (board)' },
      { keys: ['Enter'], description: 'Open the focused ticket' },
      { keys: ['m'], description: 'Move the focused card (board)' },
    ],
  },
  {
    title: 'Ticket page',
    rows: [
      { keys: ['a'], description: 'Assign' },
      { keys: ['e'], description: 'Edit the title' },
    ],
  },
  // The proof view's own keys (it listens for them itself): listed here so `?` shows them too.
  { title: 'Proof view', rows: PROOF_KEY_ROWS },
];

/** Where `g` then a letter goes. */
export const GO_TO: Readonly<Record<string, string>> = { b: '/board', t: '/tickets', d: '/' };

/** How long `g` waits for its second key. */
export const CHORD_MS = 1200;

export type KeyFacts = {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** The event's target is a field (input, textarea, select, contenteditable). */
  typing: boolean;
  /** Focus is on a board card or a list row (arrows move between them only then). */
  inList: boolean;
  /** `g` was pressed just before. */
  afterG: boolean;
  onTicketPage: boolean;
};

/**
 * The command a key press means, `'g'` when it starts a chord, or undefined to let the key be. Never while
 * typing in a field or with Ctrl, ⌘ or Alt held (Shift is part of `?`).
 */
export function commandFor(facts: KeyFacts): ShortcutCommand | 'g' | undefined {
  if (facts.typing || facts.ctrlKey || facts.metaKey || facts.altKey) return undefined;
  if (facts.afterG) {
    const to = GO_TO[facts.key];
    return to ? { kind: 'go', to } : undefined;
  }
  switch (facts.key) {
    case 'g':
      return 'g';
    case 'c':
      return { kind: 'new-request' };
    case '?':
      return { kind: 'help' };
    case 'j':
      return { kind: 'move', direction: 'next' };
    case 'k':
      return { kind: 'move', direction: 'previous' };
    case 'ArrowDown':
      return facts.inList ? { kind: 'move', direction: 'next' } : undefined;
    case 'ArrowUp':
      return facts.inList ? { kind: 'move', direction: 'previous' } : undefined;
    case 'ArrowLeft':
      return facts.inList ? { kind: 'move', direction: 'left' } : undefined;
    case 'ArrowRight':
      return facts.inList ? { kind: 'move', direction: 'right' } : undefined;
    case 'a':
      return facts.onTicketPage ? { kind: 'assign' } : undefined;
    case 'e':
      return facts.onTicketPage ? { kind: 'edit' } : undefined;
    default:
      return undefined;
  }
}
