import { describe, expect, it } from 'vitest';
import {
  durationLabel,
  EMPTY_WEBHOOK_DRAFT,
  eventsSummary,
  toCreateWebhookInput,
  validateWebhookDraft,
  WEBHOOK_EVENTS,
  type WebhookDraft,
} from './webhook-rules';

const draft = (change: Partial<WebhookDraft>): WebhookDraft => ({ ...EMPTY_WEBHOOK_DRAFT, url: 'https://hooks.example.com/j365', ...change });

describe('validateWebhookDraft', () => {
  it('wants a full http(s) address without credentials, and at least one event', () => {
    expect(validateWebhookDraft(draft({}))).toEqual({});
    expect(validateWebhookDraft(draft({ url: ' ' })).url).toBe('Enter the address that receives the events.');
    expect(validateWebhookDraft(draft({ url: 'hooks.example.com' })).url).toBe('Enter a full http:// or https:// address.');
    expect(validateWebhookDraft(draft({ url: 'ftp://hooks.example.com' })).url).toBe('Enter a full http:// or https:// address.');
    expect(validateWebhookDraft(draft({ url: 'https://user:pw@hooks.example.com' })).url).toMatch(/^Leave the user name/);
    expect(validateWebhookDraft(draft({ events: [] })).events).toBe('Choose at least one event.');
    expect(validateWebhookDraft(draft({ description: 'x'.repeat(501) })).description).toBe('At most 500 characters.');
  });
});

describe('toCreateWebhookInput', () => {
  it('trims, orders the events as the list does and sends no empty department or description', () => {
    expect(toCreateWebhookInput(draft({ url: ' https://a.example/h ', events: ['COMMENTED', 'CREATED'], description: '  ' }))).toEqual({
      url: 'https://a.example/h',
      events: ['CREATED', 'COMMENTED'],
      departmentId: null,
      description: null,
    });
    expect(toCreateWebhookInput(draft({ departmentId: 'd1', description: ' CRM ' }))).toMatchObject({ departmentId: 'd1', description: 'CRM' });
  });
});

describe('how webhooks read', () => {
  it('says "All events" for every event, else names them; durations in ms or s', () => {
    expect(eventsSummary([...WEBHOOK_EVENTS])).toBe('All events');
    expect(eventsSummary(['STATUS_CHANGED', 'CREATED'])).toBe('Ticket created, Status changed');
    expect(durationLabel(null)).toBe('—');
    expect(durationLabel(87)).toBe('87 ms');
    expect(durationLabel(1540)).toBe('1.5 s');
  });
});
