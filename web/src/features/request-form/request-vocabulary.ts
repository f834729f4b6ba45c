// The request vocabulary the web shows: labels and orders of the request types, formats, priorities, criteria
// and complexities, which parts of the form each request type has, and how a quantity is read. Apart from the
// form's rules (request-rules.ts) so the ticket page's first load carries only these.
import type { Complexity, Criteria, FileFormat, Priority, ProductCategory, RequestType } from '../../gql/graphql';

export const MAX_QUANTITY = 1000;

export const REQUEST_TYPE_LABELS: Record<RequestType, string> = {
  SOCMED_POSTING: 'Social media posting',
  WEBSITE_BANNER: 'Website banner',
  PHOTOSHOOT: 'Photoshoot',
  VIDEOSHOOT: 'Videoshoot',
  LIVE_PRODUCTION: 'Live production',
  ADS: 'Ads',
  TELEGRAM_CHANNEL: 'Telegram channel',
};

/** The request types in the order people pick them: the order of the labels above. */
export const REQUEST_TYPES = Object.keys(REQUEST_TYPE_LABELS) as RequestType[];

export const FILE_FORMATS: readonly FileFormat[] = ['STILL', 'GIF', 'VIDEO_LANDSCAPE', 'VIDEO_PORTRAIT'];
export const FILE_FORMAT_LABELS: Record<FileFormat, string> = {
  STILL: 'Still image',
  GIF: 'GIF',
  VIDEO_LANDSCAPE: 'Video, landscape',
  VIDEO_PORTRAIT: 'Video, portrait',
};

export const PRIORITIES: readonly Priority[] = ['LOW', 'MEDIUM', 'HIGH', 'URGENT'];
export const PRIORITY_LABELS: Record<Priority, string> = { LOW: 'Low', MEDIUM: 'Medium', HIGH: 'High', URGENT: 'Urgent' };

export const CRITERIA: readonly Criteria[] = ['IMAGE', 'VIDEO'];
export const CRITERIA_LABELS: Record<Criteria, string> = { IMAGE: 'Image', VIDEO: 'Video' };

export const COMPLEXITIES: readonly Complexity[] = ['LOW', 'MEDIUM', 'HIGH'];
export const COMPLEXITY_LABELS: Record<Complexity, string> = { LOW: 'Low', MEDIUM: 'Medium', HIGH: 'High' };

/** Which parts of the form a request type shows. */
export type TypeFields = {
  fileFormat: boolean;
  schedule: boolean;
  /** Product categories the items may come from; null: the type has no product items. */
  productCategories: readonly ProductCategory[] | null;
  /** The criteria the type decides by itself (or from the file format); null: the requester chooses. */
  criteria: Criteria | 'FROM_FILE_FORMAT' | null;
};

const TYPE_FIELDS: Record<RequestType, TypeFields> = {
  SOCMED_POSTING: { fileFormat: true, schedule: false, productCategories: null, criteria: 'FROM_FILE_FORMAT' },
  WEBSITE_BANNER: { fileFormat: false, schedule: false, productCategories: null, criteria: null },
  PHOTOSHOOT: { fileFormat: false, schedule: true, productCategories: null, criteria: 'IMAGE' },
  VIDEOSHOOT: { fileFormat: false, schedule: true, productCategories: null, criteria: 'VIDEO' },
  LIVE_PRODUCTION: { fileFormat: false, schedule: true, productCategories: null, criteria: 'VIDEO' },
  ADS: { fileFormat: false, schedule: false, productCategories: ['ADS', 'GENERAL'], criteria: null },
  TELEGRAM_CHANNEL: { fileFormat: false, schedule: false, productCategories: ['TELEGRAM', 'GENERAL'], criteria: null },
};

export function fieldsFor(type: RequestType): TypeFields {
  return TYPE_FIELDS[type];
}

/** The quantity a field holds, or null when it is not a whole number. */
export function parseWholeNumber(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  return Number(trimmed);
}
