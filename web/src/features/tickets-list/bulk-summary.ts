// What a bulk action did, in one sentence: "3 changed, 2 refused: #12 You cannot edit…; #15 Ticket not found."

export type BulkOutcome = { changedCount: number; refusedCount: number; refused: readonly { ticketId: string; message: string }[] };

export function bulkSummary(outcome: BulkOutcome, numberOf: (ticketId: string) => number | undefined, changed = 'changed'): string {
  const head = `${outcome.changedCount} ${changed}`;
  if (outcome.refusedCount === 0) return `${head}.`;
  const reasons = outcome.refused.map((refusal) => {
    const number = numberOf(refusal.ticketId);
    return `${number === undefined ? 'a ticket' : `#${number}`} ${refusal.message}`;
  });
  return `${head}, ${outcome.refusedCount} refused: ${reasons.join('; ')}`;
}

/** The ids from `from` to `to` (both included) in the order shown: a shift-click range. */
export function rangeBetween(ids: readonly string[], from: string, to: string): string[] {
  const start = ids.indexOf(from);
  const end = ids.indexOf(to);
  if (start < 0 || end < 0) return [to];
  return ids.slice(Math.min(start, end), Math.max(start, end) + 1);
}
