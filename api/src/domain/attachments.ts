// What an attachment may be, decided before anything is kept: the type from the content (what a sniffing
// library recognised, or plain UTF-8 text), a display name that cannot be mistaken for a path, and who may
// remove one. Uploads are the easiest way to attack a server, so everything here refuses by default.
import { BadInputError } from './errors.ts';
import { hasManagerAuthority, type TicketFacts } from './ticket-access.ts';
import { isAdmin, type Viewer } from './viewer.ts';

export type AllowedType = {
  mime: string;
  label: string;
  /** The file-name endings such files have, lower case without the dot: what a browser can check before sending. */
  extensions: readonly string[];
  /** Shown in the browser (Content-Disposition: inline) rather than downloaded. */
  inline: boolean;
  /** Raster images: their pixel size is recorded. */
  image: boolean;
};

const type = (mime: string, label: string, extensions: readonly string[], inline: boolean, image = false): AllowedType => ({
  mime,
  label,
  extensions,
  inline,
  image,
});

/** By the MIME type the content sniffer reports. SVG and HTML are absent on purpose: they carry scripts. */
export const ALLOWED_TYPES: ReadonlyMap<string, AllowedType> = new Map(
  [
    type('image/png', 'PNG', ['png'], true, true),
    type('image/jpeg', 'JPEG', ['jpg', 'jpeg'], true, true),
    type('image/gif', 'GIF', ['gif'], true, true),
    type('image/webp', 'WebP', ['webp'], true, true),
    type('application/pdf', 'PDF', ['pdf'], true),
    type('application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'DOCX', ['docx'], false),
    type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'XLSX', ['xlsx'], false),
    type('application/vnd.openxmlformats-officedocument.presentationml.presentation', 'PPTX', ['pptx'], false),
    type('video/mp4', 'MP4', ['mp4'], true),
    type('video/quicktime', 'MOV', ['mov'], true),
  ].map((entry) => [entry.mime, entry]),
);

/** Any UTF-8 text without markup is accepted whatever its name; these are the endings such files usually have. */
export const PLAIN_TEXT = type('text/plain', 'plain text', ['txt', 'csv', 'md'], false);

/** Every accepted kind, in the order people read them. */
export const ACCEPTED_TYPES: readonly AllowedType[] = [...ALLOWED_TYPES.values(), PLAIN_TEXT];

const labels = ACCEPTED_TYPES.map((entry) => entry.label);
/** "PNG, JPEG, … MOV or plain text". */
export const ALLOWED_LABELS = `${labels.slice(0, -1).join(', ')} or ${labels.at(-1)}`;

/** A byte count as people say it: 10485760 → "10 MB", 1536 → "1.5 KB" (binary units, at most one decimal). */
export function sizeInWords(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : Number(value.toFixed(1))} ${units[unit]}`;
}

/** Why a file over the upload limit is refused, in the words the web client shows before sending too. */
export function tooLargeMessage(maxBytes: number): string {
  return `This file is too large: files up to ${sizeInWords(maxBytes)} can be attached.`;
}

/** The ending of a file name (".exe"), or undefined when it has none. */
export function extensionOf(fileName: string): string | undefined {
  const match = /\.([^./\\]+)$/.exec(fileName.trim());
  return match?.[1] ? `.${match[1].toLowerCase()}` : undefined;
}

function notAccepted(fileName: string | undefined): BadInputError {
  const extension = fileName ? extensionOf(fileName) : undefined;
  return new BadInputError(`This kind of file isn't accepted${extension ? `: ${extension}` : ''}. Attach ${ALLOWED_LABELS}.`, 'file');
}

export function allowedType(mime: string): AllowedType | undefined {
  return mime === PLAIN_TEXT.mime ? PLAIN_TEXT : ALLOWED_TYPES.get(mime);
}

// Markup that a browser (or a careless viewer) could run, even inside "text".
const MARKUP = /<\s*(?:!doctype|html|head|body|script|svg|iframe|object|embed|\?xml|meta|link|style)\b/i;
// C0 controls other than tab, line feed, form feed and carriage return; DEL. Binary data shows them at once.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/;

/** Plain text: valid UTF-8, no control characters, no markup. */
export function isPlainText(bytes: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  return !CONTROL.test(text) && !MARKUP.test(text);
}

/**
 * The type of an upload from its content: what the sniffer recognised (undefined when it recognised nothing,
 * which is the case for text), checked against the allowed list.
 */
export function decideType(sniffedMime: string | undefined, bytes: Uint8Array, fileName?: string): AllowedType {
  if (sniffedMime) {
    const allowed = ALLOWED_TYPES.get(sniffedMime);
    if (!allowed) throw notAccepted(fileName);
    return allowed;
  }
  if (bytes.length === 0) throw new BadInputError('The file is empty.', 'file');
  if (!isPlainText(bytes)) throw notAccepted(fileName);
  return PLAIN_TEXT;
}

export const MAX_FILE_NAME_LENGTH = 200;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters have no place in a name.
const UNSAFE_NAME = /[\u0000-\u001f\u007f/\\]|^\.+$|\.\./;
// Invisible or direction-changing characters that make "gpj.exe" look like "exe.jpg".
const DECEPTIVE = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

/**
 * The display name of an upload. The name is never used as a path (the bytes are stored under their hash),
 * but a name that looks like one (`../../etc/passwd`, `a/b`, `C:\x`), carries control or direction-changing
 * characters, or is empty or too long is refused rather than silently changed. Spaces are tidied.
 */
export function displayFileName(raw: string): string {
  const name = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (!name) throw new BadInputError('The file needs a name.', 'file');
  if (name.length > MAX_FILE_NAME_LENGTH) throw new BadInputError(`File names must be at most ${MAX_FILE_NAME_LENGTH} characters.`, 'file');
  if (UNSAFE_NAME.test(raw) || DECEPTIVE.test(name)) {
    throw new BadInputError('The file name must not contain path separators, "..", control or invisible characters.', 'file');
  }
  return name;
}

/**
 * The versions one file name may have on a ticket (removed ones count: a number is never given twice). A design
 * goes through tens of rounds, and Attachment.versions lists every one (no paging), priced at this many by the
 * query cost.
 */
export const MAX_VERSIONS_PER_FILE = 100;

/** BAD_USER_INPUT once a file name on a ticket has reached MAX_VERSIONS_PER_FILE (its latest version number). */
export function checkVersionRoom(latestVersion: number, max: number = MAX_VERSIONS_PER_FILE): void {
  if (latestVersion >= max) {
    throw new BadInputError(`This ticket has ${max} versions of the file, the most one file name can have: upload it under another name.`, 'file');
  }
}

/** Who may remove an attachment from a ticket they may attach to: its uploader, or whoever runs the ticket. */
export function canRemoveAttachment(viewer: Viewer, ticket: TicketFacts, uploaderId: string): boolean {
  return viewer.id === uploaderId || isAdmin(viewer) || hasManagerAuthority(viewer, ticket);
}
