// The shape of a creative request, validated per request type. Pure: products are passed in as facts.
import { BadInputError } from './errors.ts';

import type { Complexity, Criteria, FileFormat, Priority, ProductCategory, RequestType } from './vocabulary.ts';

export type { Complexity, Criteria, FileFormat, Priority, ProductCategory, RequestType };

export const MAX_QUANTITY = 1000;

export type ProductItemInput = { productId: string; quantity: number; criteria?: Criteria | null };
export type ProductFacts = { id: string; name: string; category: ProductCategory; isActive: boolean };

export type CreativeRequestInput = {
  title: string;
  description: string;
  priority: Priority;
  dueDate: Date | null;
  requestType: RequestType;
  fileFormat: FileFormat | null;
  criteria: Criteria | null;
  quantity: number | null;
  complexity: Complexity | null;
  estimatedHours: number | null;
  actualHours: number | null;
  scheduledStart: Date | null;
  scheduledEnd: Date | null;
  /** null = not given (edits keep the current items); [] = none. */
  productItems: ProductItemInput[] | null;
};

export type CreativeRequest = Omit<CreativeRequestInput, 'quantity' | 'productItems'> & {
  quantity: number;
  productItems: ProductItemInput[];
};

type TypeRule = {
  /** The criteria the type decides, or a function of the file format, or null (the requester says). */
  criteria: Criteria | ((format: FileFormat) => Criteria) | null;
  fileFormat: 'required' | 'forbidden';
  scheduled: boolean;
  /** Product categories the items may come from; null = the type carries no product items. */
  productCategories: readonly ProductCategory[] | null;
};

const VIDEO_FORMATS: readonly FileFormat[] = ['VIDEO_LANDSCAPE', 'VIDEO_PORTRAIT'];

export const REQUEST_TYPES: Record<RequestType, TypeRule> = {
  SOCMED_POSTING: {
    criteria: (format) => (VIDEO_FORMATS.includes(format) ? 'VIDEO' : 'IMAGE'),
    fileFormat: 'required',
    scheduled: false,
    productCategories: null,
  },
  WEBSITE_BANNER: { criteria: null, fileFormat: 'forbidden', scheduled: false, productCategories: null },
  PHOTOSHOOT: { criteria: 'IMAGE', fileFormat: 'forbidden', scheduled: true, productCategories: null },
  VIDEOSHOOT: { criteria: 'VIDEO', fileFormat: 'forbidden', scheduled: true, productCategories: null },
  LIVE_PRODUCTION: { criteria: 'VIDEO', fileFormat: 'forbidden', scheduled: true, productCategories: null },
  ADS: { criteria: null, fileFormat: 'forbidden', scheduled: false, productCategories: ['ADS', 'GENERAL'] },
  TELEGRAM_CHANNEL: { criteria: null, fileFormat: 'forbidden', scheduled: false, productCategories: ['TELEGRAM', 'GENERAL'] },
};

export const isScheduledType = (type: RequestType) => REQUEST_TYPES[type].scheduled;

const label = (type: RequestType) => type;

function checkQuantity(quantity: number, field: string): void {
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) {
    throw new BadInputError(`${field} must be a whole number from 1 to ${MAX_QUANTITY}.`, field);
  }
}

function checkHours(hours: number | null, field: string): void {
  if (hours !== null && (!Number.isFinite(hours) || hours < 0 || hours > 10_000)) {
    throw new BadInputError(`${field} must be between 0 and 10000.`, field);
  }
}

/**
 * Validates a request against its type and fills what the type decides (criteria, the quantity of itemized
 * requests). `products` must hold every product the items name.
 */
export function normalizeCreativeRequest(input: CreativeRequestInput, products: ReadonlyMap<string, ProductFacts>): CreativeRequest {
  const type = input.requestType;
  const rule = REQUEST_TYPES[type];

  const title = input.title.trim();
  if (!title) throw new BadInputError('title is required.', 'title');
  if (title.length > 200) throw new BadInputError('title must be at most 200 characters.', 'title');
  if (input.description.length > 20_000) throw new BadInputError('description must be at most 20000 characters.', 'description');

  let fileFormat = input.fileFormat;
  if (rule.fileFormat === 'required' && !fileFormat) {
    throw new BadInputError(`fileFormat is required for ${label(type)} (STILL, GIF, VIDEO_LANDSCAPE or VIDEO_PORTRAIT).`, 'fileFormat');
  }
  if (rule.fileFormat === 'forbidden' && fileFormat) {
    throw new BadInputError(`fileFormat applies only to SOCMED_POSTING, not ${label(type)}.`, 'fileFormat');
  }
  if (rule.fileFormat === 'forbidden') fileFormat = null;

  let criteria = input.criteria;
  if (rule.criteria) {
    const decided = typeof rule.criteria === 'function' ? rule.criteria(fileFormat as FileFormat) : rule.criteria;
    if (criteria && criteria !== decided) {
      throw new BadInputError(`criteria of ${label(type)}${fileFormat ? ` in ${fileFormat}` : ''} is ${decided}, not ${criteria}.`, 'criteria');
    }
    criteria = decided;
  }

  if (rule.scheduled) {
    if (!input.scheduledStart) throw new BadInputError(`scheduledStart is required for ${label(type)}.`, 'scheduledStart');
    if (!input.scheduledEnd) throw new BadInputError(`scheduledEnd is required for ${label(type)}.`, 'scheduledEnd');
    if (input.scheduledEnd <= input.scheduledStart) {
      throw new BadInputError('scheduledEnd must be after scheduledStart.', 'scheduledEnd');
    }
  } else if (input.scheduledStart || input.scheduledEnd) {
    const field = input.scheduledStart ? 'scheduledStart' : 'scheduledEnd';
    throw new BadInputError(`${field} applies only to PHOTOSHOOT, VIDEOSHOOT and LIVE_PRODUCTION, not ${label(type)}.`, field);
  }

  let quantity = input.quantity ?? 1;
  let productItems: ProductItemInput[] = [];
  if (rule.productCategories) {
    productItems = input.productItems ?? [];
    if (productItems.length === 0) {
      throw new BadInputError(`productItems are required for ${label(type)}: at least one product with a quantity.`, 'productItems');
    }
    const seen = new Set<string>();
    productItems.forEach((item, index) => {
      const field = `productItems[${index}]`;
      const product = products.get(item.productId);
      if (!product) throw new BadInputError(`${field}.productId names no product.`, `${field}.productId`);
      if (!product.isActive) throw new BadInputError(`${field}: product "${product.name}" is no longer offered.`, `${field}.productId`);
      if (!rule.productCategories?.includes(product.category)) {
        throw new BadInputError(`${field}: product "${product.name}" (${product.category}) cannot be requested as ${label(type)}.`, `${field}.productId`);
      }
      if (seen.has(item.productId)) throw new BadInputError(`${field}: product "${product.name}" is listed twice.`, `${field}.productId`);
      seen.add(item.productId);
      checkQuantity(item.quantity, `${field}.quantity`);
    });
    const total = productItems.reduce((sum, item) => sum + item.quantity, 0);
    if (total > MAX_QUANTITY) {
      throw new BadInputError(`productItems total ${total} items; at most ${MAX_QUANTITY} per request.`, 'productItems');
    }
    if (input.quantity !== null && input.quantity !== total) {
      throw new BadInputError(`quantity of ${label(type)} is the total of its product items (${total}).`, 'quantity');
    }
    quantity = total;
  } else if (input.productItems && input.productItems.length > 0) {
    throw new BadInputError(`productItems apply only to ADS and TELEGRAM_CHANNEL, not ${label(type)}.`, 'productItems');
  }
  checkQuantity(quantity, 'quantity');
  checkHours(input.estimatedHours, 'estimatedHours');
  checkHours(input.actualHours, 'actualHours');

  return { ...input, title, fileFormat, criteria, quantity, productItems };
}

/** SLA: hours from assignment to deadline by priority (and criteria where it matters). */
export type SlaRule = { priority: Priority; criteria: Criteria | null; hours: number };

export const DEFAULT_SLA: readonly SlaRule[] = [
  { priority: 'URGENT', criteria: null, hours: 2 },
  { priority: 'URGENT', criteria: 'VIDEO', hours: 3 },
  { priority: 'HIGH', criteria: null, hours: 24 },
  { priority: 'MEDIUM', criteria: null, hours: 72 },
  { priority: 'LOW', criteria: null, hours: 168 },
];

/**
 * The deadline a ticket gets at assignment: none when it already has a due date; its schedule's end for
 * scheduled work; otherwise assignment time plus the SLA hours (a criteria-specific rule wins).
 */
export function deadlineAtAssignment(
  ticket: { dueDate: Date | null; priority: Priority; criteria: Criteria | null; requestType: RequestType; scheduledEnd: Date | null },
  assignedAt: Date,
  rules: readonly SlaRule[],
): Date | null {
  if (ticket.dueDate) return null;
  if (isScheduledType(ticket.requestType)) return ticket.scheduledEnd;
  const rule =
    rules.find((entry) => entry.priority === ticket.priority && entry.criteria !== null && entry.criteria === ticket.criteria) ??
    rules.find((entry) => entry.priority === ticket.priority && entry.criteria === null);
  if (!rule) return null;
  return new Date(assignedAt.getTime() + rule.hours * 3_600_000);
}
