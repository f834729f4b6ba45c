// A file checked in the browser before a byte of it is sent, against the rules the server publishes
// (Query.attachmentRules: its size limit and the kinds it accepts), in the words the server would use. The
// server decides from the content; this only spares people an 11 MB upload that was always going to be refused.
import type { TicketAttachmentsQuery } from '../../gql/graphql';

export type AttachmentRules = TicketAttachmentsQuery['attachmentRules'];
type PickedFile = { name: string; size: number; type: string };

/** Text the server accepts whatever the file is called (it checks the content is text without markup). */
const PLAIN_TEXT_TYPES = new Set(['text/plain', 'text/csv', 'text/markdown']);

const extensionOf = (name: string): string | undefined => /\.([^./\\]+)$/.exec(name.trim())?.[1]?.toLowerCase();

/** Why the server would refuse `file`, or undefined when only the server can tell (then it is sent). */
export function refusalBeforeSending(file: PickedFile, rules: AttachmentRules): string | undefined {
  if (file.size > rules.maxBytes) return `This file is too large: files up to ${rules.maxSize} can be attached.`;
  const extension = extensionOf(file.name);
  if (!extension || PLAIN_TEXT_TYPES.has(file.type)) return undefined;
  if (rules.accepted.some((kind) => kind.extensions.includes(extension))) return undefined;
  return `This kind of file isn't accepted: .${extension}.`;
}

/** The file picker's `accept`: the usual endings of every accepted kind. */
export function acceptAttribute(rules: AttachmentRules): string {
  return rules.accepted.flatMap((kind) => kind.extensions.map((extension) => `.${extension}`)).join(',');
}

/** "PNG, JPEG, … or plain text, up to 10 MB each." */
export function acceptedSummary(rules: AttachmentRules): string {
  const labels = rules.accepted.map((kind) => kind.label);
  const list = labels.length > 1 ? `${labels.slice(0, -1).join(', ')} or ${labels.at(-1)}` : (labels[0] ?? '');
  return `${list}, up to ${rules.maxSize} each.`;
}
