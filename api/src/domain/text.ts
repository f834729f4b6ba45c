// What text we accept from a client, whatever the field: PostgreSQL cannot store a NUL character, and an
// unpaired UTF-16 surrogate is not a character at all (it cannot be encoded as UTF-8). Both are refused as the
// client's mistake, with the field named, before they reach a rule or the database. Fields have their own,
// tighter length limits in their rules; this bound is the ceiling for any text.

/** The longest text any single input value may carry. */
export const MAX_TEXT_LENGTH = 20_000;

const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why this text cannot be accepted, or null when it can. */
export function textProblem(value: string): string | null {
  if (value.includes('\u0000')) return 'contains a NUL character';
  if (UNPAIRED_SURROGATE.test(value)) return 'contains an unpaired surrogate (not valid Unicode text)';
  if (value.length > MAX_TEXT_LENGTH) return `is longer than ${MAX_TEXT_LENGTH} characters`;
  return null;
}

export type TextProblem = { path: string; problem: string };

/**
 * How deeply a request's input may nest (objects and arrays). Our deepest input is a few levels; without a bound,
 * 100,000 nested arrays overflowed the stack of every recursive walk and came back as a server error.
 */
export const MAX_INPUT_DEPTH = 32;

/**
 * An uploaded file (a Blob or File, or a look-alike from a fetch ponyfill): never text and never walked. Walking
 * one enumerated its bytes, one entry per byte, before authentication (a 10 MiB upload blocked the server 16 s).
 */
export function isBinaryValue(value: object): boolean {
  if (typeof Blob !== 'undefined' && value instanceof Blob) return true;
  const candidate = value as { arrayBuffer?: unknown; stream?: unknown };
  return typeof candidate.arrayBuffer === 'function' && typeof candidate.stream === 'function';
}

/**
 * The first unacceptable text anywhere in a JSON-like value, with its path (`input.title`, `ids[2]`), or the
 * first place it nests deeper than MAX_INPUT_DEPTH. Walked with an explicit stack, not recursion, so no input
 * can overflow the call stack; uploaded files are skipped.
 */
export function findTextProblem(value: unknown, path: string): TextProblem | null {
  const pending: { value: unknown; path: string; depth: number }[] = [{ value, path, depth: 0 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value: item, path: itemPath, depth } = next;
    if (typeof item === 'string') {
      const problem = textProblem(item);
      if (problem) return { path: itemPath, problem };
      continue;
    }
    if (item === null || typeof item !== 'object' || isBinaryValue(item)) continue;
    if (depth >= MAX_INPUT_DEPTH) return { path: itemPath, problem: `is nested deeper than ${MAX_INPUT_DEPTH} levels` };
    const children = Array.isArray(item)
      ? item.map((child, index) => ({ value: child, path: `${itemPath}[${index}]`, depth: depth + 1 }))
      : Object.entries(item).map(([key, child]) => ({ value: child, path: itemPath ? `${itemPath}.${key}` : key, depth: depth + 1 }));
    // Reversed onto the stack, so the first problem found is the first in reading order.
    for (let index = children.length - 1; index >= 0; index -= 1) pending.push(children[index] as (typeof children)[number]);
  }
  return null;
}
