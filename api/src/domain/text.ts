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

/** The first unacceptable text anywhere in a JSON-like value, with its path (`input.title`, `ids[2]`). */
export function findTextProblem(value: unknown, path: string): TextProblem | null {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    return problem ? { path, problem } : null;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findTextProblem(item, `${path}[${index}]`);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = findTextProblem(item, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return null;
}
