// What the new-request form asks for, per request type, and how what was typed becomes a createTicket input.
// Pure (no Solid, no GraphQL client): the same rules the server enforces in domain/creative-request.ts,
// stated here so a person learns what is missing before sending rather than after.
import type { Complexity, CreateTicketInput, Criteria, FileFormat, Priority, RequestType } from '../../gql/graphql';
import { PRIORITY_LABELS } from '../../lib/vocabulary';
import { fieldsFor, MAX_QUANTITY, parseWholeNumber } from './request-vocabulary';

// The vocabulary, for the form's parts that import it from here.
export * from './request-vocabulary';

/** The criteria a request will carry: decided by the type or file format, else what the requester chose. */
export function criteriaOf(type: RequestType, fileFormat: FileFormat | '', chosen: Criteria | ''): Criteria | null {
  const rule = fieldsFor(type).criteria;
  if (rule === 'FROM_FILE_FORMAT') {
    if (!fileFormat) return null;
    return fileFormat === 'VIDEO_LANDSCAPE' || fileFormat === 'VIDEO_PORTRAIT' ? 'VIDEO' : 'IMAGE';
  }
  return rule ?? (chosen || null);
}

/** One product line as typed: quantities stay text until sent, so half-typed numbers survive a reload. */
export type ProductLine = { productId: string; quantity: string; criteria: Criteria | '' };

/** Everything the form holds, as typed. Also the shape of the saved draft. */
export type RequestDraft = {
  title: string;
  description: string;
  requestType: RequestType;
  priority: Priority;
  /** `datetime-local` value (the browser's local time), or ''. */
  dueDate: string;
  fileFormat: FileFormat | '';
  criteria: Criteria | '';
  quantity: string;
  complexity: Complexity | '';
  estimatedHours: string;
  scheduledStart: string;
  scheduledEnd: string;
  productItems: ProductLine[];
};

export function emptyDraft(): RequestDraft {
  return {
    title: '',
    description: '',
    requestType: 'SOCMED_POSTING',
    priority: 'MEDIUM',
    dueDate: '',
    fileFormat: 'STILL',
    criteria: '',
    quantity: '1',
    complexity: '',
    estimatedHours: '',
    scheduledStart: '',
    scheduledEnd: '',
    productItems: [{ productId: '', quantity: '1', criteria: '' }],
  };
}

/** The sum of the product lines' quantities; lines without a valid number count 0. */
export function productTotal(lines: readonly ProductLine[]): number {
  return lines.reduce((sum, line) => sum + (parseWholeNumber(line.quantity) ?? 0), 0);
}

export type FieldErrors = Partial<Record<string, string>>;

const QUANTITY_MESSAGE = `Enter a whole number from 1 to ${MAX_QUANTITY}.`;

function quantityError(text: string): string | undefined {
  const value = parseWholeNumber(text);
  return value === null || value < 1 || value > MAX_QUANTITY ? QUANTITY_MESSAGE : undefined;
}

function dateOf(local: string): Date | null {
  if (!local) return null;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * What is wrong with the draft, by field name (product lines as `productItems.<index>.productId` and
 * `productItems.<index>.quantity`). Empty when it may be sent.
 */
export function validateDraft(draft: RequestDraft, now: Date = new Date()): FieldErrors {
  const errors: FieldErrors = {};
  const fields = fieldsFor(draft.requestType);

  const title = draft.title.trim();
  if (!title) errors.title = 'Give the request a title.';
  else if (title.length > 200) errors.title = 'Keep the title under 200 characters.';
  if (draft.description.length > 20_000) errors.description = 'Keep the description under 20,000 characters.';

  if (draft.dueDate) {
    const due = dateOf(draft.dueDate);
    if (!due) errors.dueDate = 'Enter a valid date and time.';
    else if (due.getTime() <= now.getTime()) errors.dueDate = 'The due date must be in the future.';
  }

  if (fields.fileFormat && !draft.fileFormat) errors.fileFormat = 'Choose the file format.';

  if (fields.schedule) {
    const start = dateOf(draft.scheduledStart);
    const end = dateOf(draft.scheduledEnd);
    if (!start) errors.scheduledStart = 'Choose when the shoot starts.';
    if (!end) errors.scheduledEnd = 'Choose when the shoot ends.';
    if (start && end && end.getTime() <= start.getTime()) errors.scheduledEnd = 'The end must be after the start.';
  }

  if (fields.productCategories) {
    if (draft.productItems.length === 0) errors.productItems = 'Add at least one product.';
    const seen = new Set<string>();
    draft.productItems.forEach((line, index) => {
      if (!line.productId) errors[`productItems.${index}.productId`] = 'Choose a product.';
      else if (seen.has(line.productId)) errors[`productItems.${index}.productId`] = 'This product is already listed.';
      seen.add(line.productId);
      const lineError = quantityError(line.quantity);
      if (lineError) errors[`productItems.${index}.quantity`] = lineError;
    });
    const total = productTotal(draft.productItems);
    if (total > MAX_QUANTITY) {
      errors.productItems = `The products add up to ${total} items; a request may hold at most ${MAX_QUANTITY}.`;
    }
  } else {
    const error = quantityError(draft.quantity);
    if (error) errors.quantity = error;
  }

  if (draft.estimatedHours.trim()) {
    const hours = Number(draft.estimatedHours);
    if (!Number.isFinite(hours) || hours < 0 || hours > 10_000) errors.estimatedHours = 'Enter hours between 0 and 10,000.';
  }
  return errors;
}

/** The createTicket input for a valid draft: only what the type allows, dates in UTC ISO 8601. */
export function toCreateInput(draft: RequestDraft): CreateTicketInput {
  const fields = fieldsFor(draft.requestType);
  const input: CreateTicketInput = {
    title: draft.title.trim(),
    description: draft.description.trim(),
    requestType: draft.requestType,
    priority: draft.priority,
  };
  const due = dateOf(draft.dueDate);
  if (due) input.dueDate = due.toISOString();
  if (fields.fileFormat && draft.fileFormat) input.fileFormat = draft.fileFormat;
  const criteria = criteriaOf(draft.requestType, draft.fileFormat, draft.criteria);
  if (criteria) input.criteria = criteria;
  if (fields.schedule) {
    input.scheduledStart = dateOf(draft.scheduledStart)?.toISOString();
    input.scheduledEnd = dateOf(draft.scheduledEnd)?.toISOString();
  }
  if (fields.productCategories) {
    // The server counts the quantity of an itemized request from its items.
    input.productItems = draft.productItems.map((line) => ({
      productId: line.productId,
      quantity: parseWholeNumber(line.quantity) ?? 0,
      ...(line.criteria ? { criteria: line.criteria } : {}),
    }));
  } else {
    input.quantity = parseWholeNumber(draft.quantity) ?? 1;
  }
  if (draft.complexity) input.complexity = draft.complexity;
  if (draft.estimatedHours.trim()) input.estimatedHours = Number(draft.estimatedHours);
  return input;
}

/** Hours from assignment to the deadline, by priority (URGENT video work gets an hour more). */
export function slaHours(priority: Priority, criteria: Criteria | null): number {
  switch (priority) {
    case 'URGENT':
      return criteria === 'VIDEO' ? 3 : 2;
    case 'HIGH':
      return 24;
    case 'MEDIUM':
      return 72;
    case 'LOW':
      return 168;
  }
}

function hoursInWords(hours: number): string {
  if (hours >= 48 && hours % 24 === 0) return `${hours / 24} days`;
  return hours === 1 ? '1 hour' : `${hours} hours`;
}

/** The sentence under the priority: what deadline the request will get, and when. */
export function deadlinePreview(draft: Pick<RequestDraft, 'priority' | 'requestType' | 'fileFormat' | 'criteria' | 'dueDate'>): string {
  if (draft.dueDate) return 'Due at the date you set.';
  if (fieldsFor(draft.requestType).schedule) return 'Due when the scheduled shoot ends.';
  const criteria = criteriaOf(draft.requestType, draft.fileFormat, draft.criteria);
  const hours = slaHours(draft.priority, criteria);
  return `${PRIORITY_LABELS[draft.priority]} priority: due ${hoursInWords(hours)} after it is assigned (applied at assignment because no due date is set).`;
}

/** What a copy of an earlier request starts from (the fields `RequestAgainSource` reads). */
export type AgainSource = {
  number: number;
  title: string;
  description: string;
  requestType: RequestType;
  priority: Priority;
  fileFormat?: FileFormat | null;
  criteria?: Criteria | null;
  quantity: number;
  complexity?: Complexity | null;
  estimatedHours?: number | null;
  productItems: readonly { product: { id: string }; quantity: number; criteria?: Criteria | null }[];
};

/** The line that ties a copy to the request it repeats (the ticket page links "#12"). */
export const againReference = (number: number) => `Requested again after #${number} was rejected.`;

/**
 * A new request as a copy of a rejected one: the same type, priority, sizes and products, the description with
 * a reference to the rejected request. Dates start empty: the old deadline and schedule have likely passed.
 */
export function againDraft(source: AgainSource): RequestDraft {
  const empty = emptyDraft();
  const description = source.description.trim();
  return {
    ...empty,
    title: source.title,
    description: `${description ? `${description}\n\n` : ''}${againReference(source.number)}`,
    requestType: source.requestType,
    priority: source.priority,
    fileFormat: source.fileFormat ?? (fieldsFor(source.requestType).fileFormat ? empty.fileFormat : ''),
    criteria: source.criteria ?? '',
    quantity: String(source.quantity),
    complexity: source.complexity ?? '',
    estimatedHours: source.estimatedHours == null ? '' : String(source.estimatedHours),
    productItems:
      source.productItems.length > 0
        ? source.productItems.map((item) => ({ productId: item.product.id, quantity: String(item.quantity), criteria: item.criteria ?? '' }))
        : empty.productItems,
  };
}
