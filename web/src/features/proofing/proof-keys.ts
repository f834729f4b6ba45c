// The proof view's keys, as data: the view maps each to what it does, the shortcuts sheet lists PROOF_KEY_ROWS,
// and a test holds the two to each other.

export type ProofCommand =
  | 'zoom-in'
  | 'zoom-out'
  | 'zoom-reset'
  | 'pan-left'
  | 'pan-right'
  | 'pan-up'
  | 'pan-down'
  | 'next'
  | 'previous'
  | 'open'
  | 'escape'
  | 'place-pin';

export const PROOF_KEYS: Record<string, ProofCommand> = {
  '+': 'zoom-in',
  '=': 'zoom-in',
  '-': 'zoom-out',
  '0': 'zoom-reset',
  ArrowLeft: 'pan-left',
  ArrowRight: 'pan-right',
  ArrowUp: 'pan-up',
  ArrowDown: 'pan-down',
  n: 'next',
  j: 'next',
  p: 'previous',
  k: 'previous',
  Enter: 'open',
  Escape: 'escape',
  m: 'place-pin',
};

/** The proof view's rows of the shortcuts sheet (`?`), in the sheet's shape. */
export const PROOF_KEY_ROWS: readonly { keys: readonly string[]; description: string }[] = [
  { keys: ['+', '−', '0'], description: 'Zoom in, zoom out, fit the file' },
  { keys: ['←', '→', '↑', '↓'], description: 'Pan the file' },
  { keys: ['n'], description: 'Next annotation (also j; p or k: previous)' },
  { keys: ['Enter'], description: 'Reply on the chosen annotation' },
  { keys: ['m'], description: 'Place a pin with the keyboard: arrows move it (Shift: faster), Enter comments there, Esc cancels' },
  { keys: ['Esc'], description: 'Put the drawing tool down' },
];

type KeyLike = { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; target: EventTarget | null; defaultPrevented: boolean };

/** The command a key press means on the proof view, or undefined: none while typing, with a modifier or in a dialog. */
export function proofCommand(event: KeyLike): ProofCommand | undefined {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return undefined;
  const target = event.target as HTMLElement | null;
  if (target?.closest?.('input, textarea, select, [contenteditable="true"], dialog')) return undefined;
  // Enter on a button or a link is that control's own.
  if (event.key === 'Enter' && target?.closest?.('button, a')) return undefined;
  return PROOF_KEYS[event.key];
}
