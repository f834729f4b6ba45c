// Which parts of the form each request type has, and how a quantity is read (the words for the enums are in
// lib/vocabulary.ts). Apart from the form's rules (request-rules.ts) so the ticket page's first load carries
// only these.
import type { Criteria, ProductCategory, RequestType } from '../../gql/graphql';

export const MAX_QUANTITY = 1000;

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
