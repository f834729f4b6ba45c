// Proofing annotations: a comment thread pinned to a spot of an image, or of a page of a PDF. Positions are
// fractions (0–1) of the image or page, so a marker stays on its spot at any zoom and screen size. Pure rules:
// what a well-formed annotation is, which files take them, and who may resolve or reopen one.
import { BadInputError } from './errors.ts';
import { hasManagerAuthority, isAssignee, type TicketFacts } from './ticket-access.ts';
import { isAdmin, type Viewer } from './viewer.ts';
import type { AnnotationShape } from './vocabulary.ts';

/** Raster images a browser shows as they are: annotated on the image itself. */
export const ANNOTATABLE_IMAGE_TYPES: readonly string[] = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];
export const PDF_TYPE = 'application/pdf';

/** The numbers a freehand line may have (x, y pairs): enough for a long stroke, not a drawing program. */
export const MAX_FREEHAND_NUMBERS = 2000;
/**
 * The annotations one version of a file may have (open and resolved): a proof round is tens, and every one is
 * listed whole by Attachment.annotations (no paging), priced at this many by the query cost.
 */
export const MAX_ANNOTATIONS_PER_VERSION = 200;

/** BAD_USER_INPUT once a version has MAX_ANNOTATIONS_PER_VERSION annotations. */
export function checkAnnotationRoom(existing: number, max: number = MAX_ANNOTATIONS_PER_VERSION): void {
  if (existing >= max) {
    throw new BadInputError(
      `This version of the file has ${max} annotations, the most it can have: reply in the existing threads, or upload a new version.`,
      'attachmentId',
    );
  }
}

/** The highest PDF page accepted when the page count is not known. */
export const MAX_PDF_PAGE = 10_000;

export type AnnotationFigure = {
  shape: AnnotationShape;
  x: number;
  y: number;
  width?: number | null;
  height?: number | null;
  points?: readonly number[] | null;
  page?: number | null;
};

/** The figure as stored: sizes only on rectangles, points only on arrows and freehand lines. */
export type CheckedFigure = {
  shape: AnnotationShape;
  x: number;
  y: number;
  width: number | null;
  height: number | null;
  points: number[];
  page: number | null;
};

/** What the rules need to know about the annotated file. */
export type AnnotatedFile = { mimeType: string; pageCount?: number | null };

export const isAnnotatable = (file: Pick<AnnotatedFile, 'mimeType'>) => ANNOTATABLE_IMAGE_TYPES.includes(file.mimeType) || file.mimeType === PDF_TYPE;

const isFraction = (value: number) => Number.isFinite(value) && value >= 0 && value <= 1;

function fraction(value: number, field: string): number {
  if (!isFraction(value)) throw new BadInputError(`${field} must be a number from 0 to 1 (a fraction of the image or page).`, field);
  return value;
}

/**
 * The figure checked against the file, or BAD_USER_INPUT naming the field: coordinates within 0..1; a
 * rectangle's size required, above zero and inside the image; arrows with exactly four numbers, freehand lines
 * with 2..MAX_FREEHAND_NUMBERS (an even count), all within 0..1; a page only on PDFs, 1..pageCount when known.
 */
export function checkFigure(figure: AnnotationFigure, file: AnnotatedFile): CheckedFigure {
  if (!isAnnotatable(file)) {
    throw new BadInputError('Only images (PNG, JPEG, WebP, GIF) and PDFs can be annotated.', 'attachmentId');
  }
  const x = fraction(figure.x, 'x');
  const y = fraction(figure.y, 'y');
  const page = checkPage(figure.page ?? null, file);
  const points = figure.points ?? [];
  const sized = figure.width != null || figure.height != null;

  if (figure.shape === 'RECT') {
    if (figure.width == null || figure.height == null) throw new BadInputError('A RECT needs width and height.', figure.width == null ? 'width' : 'height');
    const width = fraction(figure.width, 'width');
    const height = fraction(figure.height, 'height');
    if (width === 0 || height === 0) throw new BadInputError('A RECT must have a width and a height above 0.', width === 0 ? 'width' : 'height');
    // A tiny tolerance for the rounding of x + width computed in a browser.
    if (x + width > 1 + 1e-9) throw new BadInputError('The RECT reaches past the right edge: x + width must be at most 1.', 'width');
    if (y + height > 1 + 1e-9) throw new BadInputError('The RECT reaches past the bottom edge: y + height must be at most 1.', 'height');
    if (points.length) throw new BadInputError('A RECT has no points.', 'points');
    return { shape: 'RECT', x, y, width, height, points: [], page };
  }
  if (sized) throw new BadInputError(`A ${figure.shape} has no width or height.`, figure.width != null ? 'width' : 'height');
  if (figure.shape === 'PIN') {
    if (points.length) throw new BadInputError('A PIN has no points.', 'points');
    return { shape: 'PIN', x, y, width: null, height: null, points: [], page };
  }
  if (figure.shape === 'ARROW' && points.length !== 4) throw new BadInputError('An ARROW needs exactly 4 points: x1, y1, x2, y2.', 'points');
  if (figure.shape === 'FREEHAND') {
    if (points.length < 2 || points.length > MAX_FREEHAND_NUMBERS) {
      throw new BadInputError(`A FREEHAND line needs 2 to ${MAX_FREEHAND_NUMBERS} points (x, y pairs).`, 'points');
    }
    if (points.length % 2 !== 0) throw new BadInputError('A FREEHAND line needs x, y pairs: an even number of points.', 'points');
  }
  if (!points.every(isFraction)) throw new BadInputError('Every point must be a number from 0 to 1.', 'points');
  return { shape: figure.shape, x, y, width: null, height: null, points: [...points], page };
}

function checkPage(page: number | null, file: AnnotatedFile): number | null {
  if (file.mimeType !== PDF_TYPE) {
    if (page !== null) throw new BadInputError('Only PDFs have pages: leave page out on an image.', 'page');
    return null;
  }
  if (page === null) throw new BadInputError('Say which page of the PDF (1 is the first).', 'page');
  const last = file.pageCount ?? MAX_PDF_PAGE;
  if (!Number.isInteger(page) || page < 1 || page > last) {
    throw new BadInputError(file.pageCount ? `page must be from 1 to ${file.pageCount}.` : `page must be from 1 to ${MAX_PDF_PAGE}.`, 'page');
  }
  return page;
}

/**
 * Who may resolve or reopen an annotation (of a ticket they may read): its author, the ticket's assignee, a
 * manager with authority over the ticket, an admin.
 */
export function canChangeAnnotationState(viewer: Viewer, ticket: TicketFacts, authorId: string): boolean {
  return viewer.id === authorId || isAssignee(viewer, ticket) || hasManagerAuthority(viewer, ticket) || isAdmin(viewer);
}

export const ANNOTATION_STATE_REFUSAL =
  "Only the annotation's author, the ticket's assignee, a manager with authority over the ticket or an admin can resolve or reopen it.";

/** How an annotation is named in texts: "logo.png v2, #3" (the version only past the first), "(page 3)" on PDFs. */
export function annotationLabel(file: { fileName: string; version: number }, annotation: { number: number; page: number | null }): string {
  const name = file.version > 1 ? `${file.fileName} v${file.version}` : file.fileName;
  return `${name}, #${annotation.number}${annotation.page !== null ? ` (page ${annotation.page})` : ''}`;
}
