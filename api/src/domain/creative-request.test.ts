import { describe, expect, it } from 'vitest';
import { type CreativeRequestInput, DEFAULT_SLA, deadlineAtAssignment, normalizeCreativeRequest, type ProductFacts } from './creative-request.ts';
import { DomainError } from './errors.ts';
import { isQuietAt, localMinutes } from './notification-preferences.ts';

const products = new Map<string, ProductFacts>([
  ['ads-1', { id: 'ads-1', name: 'Sports promo', category: 'ADS', isActive: true }],
  ['tg-1', { id: 'tg-1', name: 'Daily odds', category: 'TELEGRAM', isActive: true }],
  ['gen-1', { id: 'gen-1', name: 'Brand kit', category: 'GENERAL', isActive: true }],
  ['old-1', { id: 'old-1', name: 'Retired', category: 'ADS', isActive: false }],
]);

const base: CreativeRequestInput = {
  title: 'A request',
  description: '',
  priority: 'MEDIUM',
  dueDate: null,
  requestType: 'WEBSITE_BANNER',
  fileFormat: null,
  criteria: null,
  quantity: null,
  complexity: null,
  estimatedHours: null,
  actualHours: null,
  scheduledStart: null,
  scheduledEnd: null,
  productItems: null,
};
const start = new Date('2026-12-01T09:00:00Z');
const end = new Date('2026-12-01T17:00:00Z');

function refusal(input: Partial<CreativeRequestInput>): { code: string; field: unknown } {
  try {
    normalizeCreativeRequest({ ...base, ...input }, products);
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, field: error.details.field };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('request types: valid shapes', () => {
  it('SOCMED_POSTING derives criteria from its file format', () => {
    expect(normalizeCreativeRequest({ ...base, requestType: 'SOCMED_POSTING', fileFormat: 'GIF' }, products).criteria).toBe('IMAGE');
    expect(normalizeCreativeRequest({ ...base, requestType: 'SOCMED_POSTING', fileFormat: 'VIDEO_PORTRAIT' }, products).criteria).toBe('VIDEO');
  });
  it('shoots are scheduled work with decided criteria', () => {
    const shoot = { scheduledStart: start, scheduledEnd: end };
    expect(normalizeCreativeRequest({ ...base, requestType: 'PHOTOSHOOT', ...shoot }, products).criteria).toBe('IMAGE');
    expect(normalizeCreativeRequest({ ...base, requestType: 'VIDEOSHOOT', ...shoot }, products).criteria).toBe('VIDEO');
    expect(normalizeCreativeRequest({ ...base, requestType: 'LIVE_PRODUCTION', ...shoot }, products).criteria).toBe('VIDEO');
  });
  it('WEBSITE_BANNER takes a quantity and the criteria the requester gives', () => {
    const banner = normalizeCreativeRequest({ ...base, quantity: 3, criteria: 'VIDEO' }, products);
    expect(banner).toMatchObject({ quantity: 3, criteria: 'VIDEO', productItems: [] });
  });
  it('ADS and TELEGRAM_CHANNEL carry product items; the quantity is their total', () => {
    const ads = normalizeCreativeRequest(
      {
        ...base,
        requestType: 'ADS',
        productItems: [
          { productId: 'ads-1', quantity: 400 },
          { productId: 'gen-1', quantity: 600 },
        ],
      },
      products,
    );
    expect(ads.quantity).toBe(1000);
    const telegram = normalizeCreativeRequest({ ...base, requestType: 'TELEGRAM_CHANNEL', productItems: [{ productId: 'tg-1', quantity: 5 }] }, products);
    expect(telegram.quantity).toBe(5);
  });
});

describe('request types: wrong shapes name the field', () => {
  it.each([
    ['SOCMED_POSTING without a file format', { requestType: 'SOCMED_POSTING' as const }, 'fileFormat'],
    ['a file format on a banner', { fileFormat: 'STILL' as const }, 'fileFormat'],
    ['VIDEO criteria on a still post', { requestType: 'SOCMED_POSTING' as const, fileFormat: 'STILL' as const, criteria: 'VIDEO' as const }, 'criteria'],
    ['a photoshoot without a schedule', { requestType: 'PHOTOSHOOT' as const }, 'scheduledStart'],
    ['a shoot ending before it starts', { requestType: 'VIDEOSHOOT' as const, scheduledStart: end, scheduledEnd: start }, 'scheduledEnd'],
    ['a schedule on a banner', { scheduledStart: start }, 'scheduledStart'],
    [
      'VIDEO criteria on a photoshoot',
      { requestType: 'PHOTOSHOOT' as const, scheduledStart: start, scheduledEnd: end, criteria: 'VIDEO' as const },
      'criteria',
    ],
    ['ADS without items', { requestType: 'ADS' as const }, 'productItems'],
    [
      'ADS over 1000 items',
      {
        requestType: 'ADS' as const,
        productItems: [
          { productId: 'ads-1', quantity: 700 },
          { productId: 'gen-1', quantity: 301 },
        ],
      },
      'productItems',
    ],
    ['a Telegram product in an ADS request', { requestType: 'ADS' as const, productItems: [{ productId: 'tg-1', quantity: 1 }] }, 'productItems[0].productId'],
    ['a retired product', { requestType: 'ADS' as const, productItems: [{ productId: 'old-1', quantity: 1 }] }, 'productItems[0].productId'],
    ['an unknown product', { requestType: 'ADS' as const, productItems: [{ productId: 'nope', quantity: 1 }] }, 'productItems[0].productId'],
    ['a zero item quantity', { requestType: 'ADS' as const, productItems: [{ productId: 'ads-1', quantity: 0 }] }, 'productItems[0].quantity'],
    ['items on a banner', { productItems: [{ productId: 'ads-1', quantity: 1 }] }, 'productItems'],
    ['a quantity over 1000', { quantity: 1001 }, 'quantity'],
    ['a quantity of zero', { quantity: 0 }, 'quantity'],
    ['an empty title', { title: '  ' }, 'title'],
    ['negative estimated hours', { estimatedHours: -1 }, 'estimatedHours'],
  ])('refuses %s', (_label, input, field) => {
    expect(refusal(input)).toEqual({ code: 'BAD_USER_INPUT', field });
  });
});

describe('deadline by priority', () => {
  const assignedAt = new Date('2026-12-01T10:00:00Z');
  const ticket = { dueDate: null, priority: 'URGENT' as const, criteria: 'IMAGE' as const, requestType: 'SOCMED_POSTING' as const, scheduledEnd: null };
  const hoursAfter = (date: Date | null) => (date ? (date.getTime() - assignedAt.getTime()) / 3_600_000 : null);

  it('URGENT is 2 h, 3 h for video; HIGH 24 h, MEDIUM 72 h, LOW 168 h', () => {
    expect(hoursAfter(deadlineAtAssignment(ticket, assignedAt, DEFAULT_SLA))).toBe(2);
    expect(hoursAfter(deadlineAtAssignment({ ...ticket, criteria: 'VIDEO' }, assignedAt, DEFAULT_SLA))).toBe(3);
    expect(hoursAfter(deadlineAtAssignment({ ...ticket, priority: 'HIGH', criteria: 'VIDEO' }, assignedAt, DEFAULT_SLA))).toBe(24);
    expect(hoursAfter(deadlineAtAssignment({ ...ticket, priority: 'MEDIUM' }, assignedAt, DEFAULT_SLA))).toBe(72);
    expect(hoursAfter(deadlineAtAssignment({ ...ticket, priority: 'LOW' }, assignedAt, DEFAULT_SLA))).toBe(168);
  });
  it('keeps a due date that was set, and uses the schedule for scheduled work', () => {
    expect(deadlineAtAssignment({ ...ticket, dueDate: new Date() }, assignedAt, DEFAULT_SLA)).toBeNull();
    expect(deadlineAtAssignment({ ...ticket, requestType: 'PHOTOSHOOT', scheduledEnd: end }, assignedAt, DEFAULT_SLA)).toEqual(end);
  });
});

describe('quiet hours', () => {
  it('reads minutes in the user time zone', () => {
    expect(localMinutes(new Date('2026-12-01T14:30:00Z'), 'Asia/Manila')).toBe(22 * 60 + 30);
  });
  it('spans midnight and says when quiet ends', () => {
    const quiet = { start: 22 * 60, end: 7 * 60, timeZone: 'Asia/Manila' };
    // 23:00 in Manila = 15:00 UTC: quiet until 07:00 Manila = 23:00 UTC.
    expect(isQuietAt(quiet, new Date('2026-12-01T15:00:00Z'))).toEqual(new Date('2026-12-01T23:00:00Z'));
    // 12:00 in Manila: not quiet.
    expect(isQuietAt(quiet, new Date('2026-12-01T04:00:00Z'))).toBeNull();
  });
});
