// The files of a ticket as people think of them: one entry per name, its latest version first in view and
// the earlier ones (proof rounds) kept beneath it.

import type { ReviewVerdict } from '../../gql/graphql';

export type AttachmentView = {
  id: string;
  fileName: string;
  mimeType: string;
  size: number;
  version: number;
  width?: number | null;
  height?: number | null;
  url: string;
  /** The server's small WebP preview of an image; null for other files. */
  previewUrl?: string | null;
  createdAt: string;
  viewerCanDelete: boolean;
  uploader: { id: string; displayName: string };
};

export type FileGroup = { fileName: string; latest: AttachmentView; earlier: AttachmentView[] };

/** Groups by name, newest version first within a group; groups in the order their first version came. */
export function groupByName(attachments: readonly AttachmentView[]): FileGroup[] {
  const groups = new Map<string, AttachmentView[]>();
  for (const attachment of attachments) groups.set(attachment.fileName, [...(groups.get(attachment.fileName) ?? []), attachment]);
  return [...groups.entries()].map(([fileName, versions]) => {
    const [latest, ...earlier] = [...versions].sort((a, b) => b.version - a.version);
    return { fileName, latest: latest as AttachmentView, earlier };
  });
}

export const isImage = (mimeType: string) => mimeType.startsWith('image/');
export const isPdf = (mimeType: string) => mimeType === 'application/pdf';
export const isVideo = (mimeType: string) => mimeType.startsWith('video/');

export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(bytes < 10_000 ? 1 : 0)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/**
 * Where the review of a file stands, from each reviewer's latest decision on its latest version
 * (Ticket.reviewDecisions): one request for changes outweighs any approval; no decision, no status.
 */
export function reviewStatusOf(latestId: string, decisions: readonly { verdict: ReviewVerdict; attachment: { id: string } }[]): ReviewVerdict | undefined {
  const verdicts = decisions.filter((decision) => decision.attachment.id === latestId).map((decision) => decision.verdict);
  if (verdicts.includes('CHANGES_REQUESTED')) return 'CHANGES_REQUESTED';
  return verdicts.includes('APPROVED') ? 'APPROVED' : undefined;
}
