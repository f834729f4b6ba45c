import { describe, expect, it } from 'vitest';
import { criteriaOf, deadlinePreview, emptyDraft, fieldsFor, productTotal, type RequestDraft, slaHours, toCreateInput, validateDraft } from './request-rules';

const now = new Date('2026-11-30T08:00:00Z');
const draft = (patch: Partial<RequestDraft>): RequestDraft => ({ ...emptyDraft(), title: 'Banner', ...patch });

describe('fields per request type', () => {
  it('asks the file format only of social posts', () => {
    expect(fieldsFor('SOCMED_POSTING').fileFormat).toBe(true);
    for (const type of ['WEBSITE_BANNER', 'PHOTOSHOOT', 'VIDEOSHOOT', 'LIVE_PRODUCTION', 'ADS', 'TELEGRAM_CHANNEL'] as const) {
      expect(fieldsFor(type).fileFormat).toBe(false);
    }
  });

  it('asks a schedule of shoots and live production only', () => {
    const scheduled = (['SOCMED_POSTING', 'WEBSITE_BANNER', 'PHOTOSHOOT', 'VIDEOSHOOT', 'LIVE_PRODUCTION', 'ADS', 'TELEGRAM_CHANNEL'] as const).filter(
      (type) => fieldsFor(type).schedule,
    );
    expect(scheduled).toEqual(['PHOTOSHOOT', 'VIDEOSHOOT', 'LIVE_PRODUCTION']);
  });

  it('itemizes ads and Telegram channel requests from their product categories', () => {
    expect(fieldsFor('ADS').productCategories).toEqual(['ADS', 'GENERAL']);
    expect(fieldsFor('TELEGRAM_CHANNEL').productCategories).toEqual(['TELEGRAM', 'GENERAL']);
    expect(fieldsFor('WEBSITE_BANNER').productCategories).toBeNull();
  });

  it('derives the criteria where the type decides it', () => {
    expect(criteriaOf('SOCMED_POSTING', 'VIDEO_PORTRAIT', 'IMAGE')).toBe('VIDEO');
    expect(criteriaOf('SOCMED_POSTING', 'GIF', '')).toBe('IMAGE');
    expect(criteriaOf('PHOTOSHOOT', '', 'VIDEO')).toBe('IMAGE');
    expect(criteriaOf('LIVE_PRODUCTION', '', '')).toBe('VIDEO');
    expect(criteriaOf('WEBSITE_BANNER', '', 'VIDEO')).toBe('VIDEO');
    expect(criteriaOf('WEBSITE_BANNER', '', '')).toBeNull();
  });
});

describe('validateDraft', () => {
  it('accepts a plain social post', () => {
    expect(validateDraft(draft({}), now)).toEqual({});
  });

  it('asks for a title and a file format', () => {
    expect(validateDraft(draft({ title: '  ', fileFormat: '' }), now)).toEqual({
      title: 'Give the request a title.',
      fileFormat: 'Choose the file format.',
    });
  });

  it('keeps quantities between 1 and 1000 and whole', () => {
    for (const quantity of ['0', '1001', '2.5', '', 'abc']) {
      expect(validateDraft(draft({ quantity }), now).quantity).toBe('Enter a whole number from 1 to 1000.');
    }
    expect(validateDraft(draft({ quantity: '1000' }), now).quantity).toBeUndefined();
  });

  it('wants a schedule whose end follows its start for shoots', () => {
    expect(validateDraft(draft({ requestType: 'PHOTOSHOOT' }), now)).toMatchObject({
      scheduledStart: 'Choose when the shoot starts.',
      scheduledEnd: 'Choose when the shoot ends.',
    });
    expect(validateDraft(draft({ requestType: 'VIDEOSHOOT', scheduledStart: '2026-12-02T10:00', scheduledEnd: '2026-12-02T09:00' }), now).scheduledEnd).toBe(
      'The end must be after the start.',
    );
  });

  it('refuses a due date in the past', () => {
    expect(validateDraft(draft({ dueDate: '2020-01-01T10:00' }), now).dueDate).toBe('The due date must be in the future.');
  });

  it('checks product lines and their total against 1000', () => {
    const lines = [
      { productId: 'p1', quantity: '600', criteria: '' as const },
      { productId: 'p2', quantity: '500', criteria: '' as const },
    ];
    expect(productTotal(lines)).toBe(1100);
    expect(validateDraft(draft({ requestType: 'ADS', productItems: lines }), now).productItems).toBe(
      'The products add up to 1100 items; a request may hold at most 1000.',
    );
    expect(validateDraft(draft({ requestType: 'ADS', productItems: [lines[0]!, { ...lines[1]!, quantity: '400' }] }), now)).toEqual({});
    expect(validateDraft(draft({ requestType: 'TELEGRAM_CHANNEL', productItems: [{ productId: '', quantity: '0', criteria: '' }] }), now)).toEqual({
      'productItems.0.productId': 'Choose a product.',
      'productItems.0.quantity': 'Enter a whole number from 1 to 1000.',
    });
    expect(validateDraft(draft({ requestType: 'ADS', productItems: [lines[0]!, { ...lines[0]!, quantity: '1' }] }), now)['productItems.1.productId']).toBe(
      'This product is already listed.',
    );
  });
});

describe('toCreateInput', () => {
  it('sends only what the type allows', () => {
    const input = toCreateInput(
      draft({ requestType: 'ADS', fileFormat: 'GIF', quantity: '7', productItems: [{ productId: 'p1', quantity: '12', criteria: 'VIDEO' }] }),
    );
    expect(input).toEqual({
      title: 'Banner',
      description: '',
      requestType: 'ADS',
      priority: 'MEDIUM',
      productItems: [{ productId: 'p1', quantity: 12, criteria: 'VIDEO' }],
    });
  });

  it('sends the schedule and derived criteria of a shoot in UTC', () => {
    const input = toCreateInput(draft({ requestType: 'VIDEOSHOOT', scheduledStart: '2026-12-02T10:00', scheduledEnd: '2026-12-02T12:00' }));
    expect(input.criteria).toBe('VIDEO');
    expect(input.scheduledStart).toBe(new Date('2026-12-02T10:00').toISOString());
    expect(input.quantity).toBe(1);
    expect(input.fileFormat).toBeUndefined();
  });
});

describe('deadline by priority', () => {
  it('follows the contract table', () => {
    expect(slaHours('URGENT', 'IMAGE')).toBe(2);
    expect(slaHours('URGENT', 'VIDEO')).toBe(3);
    expect(slaHours('HIGH', null)).toBe(24);
    expect(slaHours('MEDIUM', 'VIDEO')).toBe(72);
    expect(slaHours('LOW', null)).toBe(168);
  });

  it('says when it applies', () => {
    expect(deadlinePreview(draft({ priority: 'URGENT', fileFormat: 'VIDEO_LANDSCAPE' }))).toBe(
      'Urgent priority: due 3 hours after it is assigned (applied at assignment because no due date is set).',
    );
    expect(deadlinePreview(draft({ priority: 'LOW' }))).toContain('due 7 days after it is assigned');
    expect(deadlinePreview(draft({ dueDate: '2027-01-01T10:00' }))).toBe('Due at the date you set.');
    expect(deadlinePreview(draft({ requestType: 'PHOTOSHOOT' }))).toBe('Due when the scheduled shoot ends.');
  });
});
