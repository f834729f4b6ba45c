// What the Complete dialog warns about (the workflow lets the maker complete anyway): per file, on its latest
// version, the annotations still open and whether any reviewer has decided on it.

type FileVersion = { id: string; fileName: string; version: number; annotations: readonly unknown[] };

export type ReviewGap = { attachmentId: string; fileName: string; openNotes: number; undecided: boolean };

/** The files whose latest version has open notes or no review decision, in the order the ticket lists them. */
export function reviewGaps(attachments: readonly FileVersion[], decidedIds: readonly string[]): ReviewGap[] {
  const latest = new Map<string, FileVersion>();
  for (const file of attachments) {
    const seen = latest.get(file.fileName);
    if (!seen || file.version > seen.version) latest.set(file.fileName, file);
  }
  const decided = new Set(decidedIds);
  return [...latest.values()]
    .map((file) => ({ attachmentId: file.id, fileName: file.fileName, openNotes: file.annotations.length, undecided: !decided.has(file.id) }))
    .filter((gap) => gap.openNotes > 0 || gap.undecided);
}

/** "2 open notes on hero.png", "banner.pdf has no review decision", or both in one phrase. */
export function describeGap(gap: ReviewGap): string {
  const notes = `${gap.openNotes} open ${gap.openNotes === 1 ? 'note' : 'notes'}`;
  if (gap.openNotes > 0 && gap.undecided) return `${notes} on ${gap.fileName}, which has no review decision`;
  if (gap.openNotes > 0) return `${notes} on ${gap.fileName}`;
  return `${gap.fileName} has no review decision`;
}
