// What an attachment may be, decided before anything is kept: the type from the content (what a sniffing
// library recognised, or plain UTF-8 text), a display name that cannot be mistaken for a path, and who may
// remove one. Uploads are the easiest way to attack a server, so everything here refuses by default.
import { BadInputError } from './errors.ts';
import { hasManagerAuthority, type TicketFacts } from './ticket-access.ts';
import { isAdmin, type Viewer } from './viewer.ts';

export type AllowedType = {
  mime: string;
  label: string;
  /** Shown in the browser (Content-Disposition: inline) rather than downloaded. */
  inline: boolean;
  /** Raster images: their pixel size is recorded. */
  image: boolean;
};

const type = (mime: string, label: string, inline: boolean, image = false): AllowedType => ({ mime, label, inline, image });

/** By the MIME type the content sniffer reports. SVG and HTML are absent on purpose: they carry scripts. */
export const ALLOWED_TYPES: ReadonlyMap<string, AllowedType> = new Map(
  [
    type('image/png', 'PNG', true, true),
    type('image/jpeg', 'JPEG', true, true),
    type('image/gif', 'GIF', true, true),
    type('image/webp', 'WebP', true, true),
    type('application/pdf', 'PDF', true),
    type('application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'DOCX', false),
    type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'XLSX', false),
    type('application/vnd.openxmlformats-officedocument.presentationml.presentation', 'PPTX', false),
    type('video/mp4', 'MP4', true),
    type('video/quicktime', 'MOV', true),
  ].map((entry) => [entry.mime, entry]),
);

export const PLAIN_TEXT = type('text/plain', 'plain text', false);

export const ALLOWED_LABELS = [...[...ALLOWED_TYPES.values()].map((entry) => entry.label), PLAIN_TEXT.label].join(', ');

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
export function decideType(sniffedMime: string | undefined, bytes: Uint8Array): AllowedType {
  if (sniffedMime) {
    const allowed = ALLOWED_TYPES.get(sniffedMime);
    if (!allowed) throw new BadInputError(`Files of type ${sniffedMime} are not accepted. Allowed: ${ALLOWED_LABELS}.`, 'file');
    return allowed;
  }
  if (bytes.length === 0) throw new BadInputError('The file is empty.', 'file');
  if (!isPlainText(bytes))
    throw new BadInputError(`The file's type is not recognised or not accepted (SVG and HTML never are). Allowed: ${ALLOWED_LABELS}.`, 'file');
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

/** Who may remove an attachment from a ticket they may attach to: its uploader, or whoever runs the ticket. */
export function canRemoveAttachment(viewer: Viewer, ticket: TicketFacts, uploaderId: string): boolean {
  return viewer.id === uploaderId || isAdmin(viewer) || hasManagerAuthority(viewer, ticket);
}
