import { describe, expect, it } from 'vitest';
import { BadInputError } from './errors.ts';
import type { Viewer } from './viewer.ts';
import {
  mayManageWebhook,
  mayUseWebhooks,
  nextRetryAt,
  parseRetryAfter,
  responseVerdict,
  validateWebhookEvents,
  validateWebhookUrl,
  webhookEventName,
} from './webhooks.ts';

const viewer = (role: Viewer['role'], id = 'me'): Viewer => ({ id, username: id, role, departmentId: null, inCreativeDepartment: false });

describe('webhook URLs', () => {
  it('takes http and https URLs and drops the fragment', () => {
    expect(validateWebhookUrl(' https://hooks.example.com/in?x=1#frag ').toString()).toBe('https://hooks.example.com/in?x=1');
    expect(validateWebhookUrl('http://example.com').toString()).toBe('http://example.com/');
  });

  it.each(['', 'not a url', 'ftp://example.com/', 'file:///etc/passwd', 'https://user:secret@example.com/', 'https://token@example.com/'])(
    'refuses %j',
    (url) => {
      expect(() => validateWebhookUrl(url)).toThrow(BadInputError);
    },
  );
});

describe('who may', () => {
  it('managers and admins with a session; members only through an API token', () => {
    expect(mayUseWebhooks(viewer('MEMBER'), false)).toBe(false);
    expect(mayUseWebhooks(viewer('MEMBER'), true)).toBe(true);
    expect(mayUseWebhooks(viewer('MANAGER'), false)).toBe(true);
    expect(mayUseWebhooks(viewer('ADMIN'), false)).toBe(true);
  });

  it('the owner manages a webhook, an admin any', () => {
    expect(mayManageWebhook(viewer('MANAGER'), { ownerId: 'me' })).toBe(true);
    expect(mayManageWebhook(viewer('MANAGER'), { ownerId: 'other' })).toBe(false);
    expect(mayManageWebhook(viewer('ADMIN'), { ownerId: 'other' })).toBe(true);
  });
});

describe('events', () => {
  it('keeps each known type once, in the vocabulary order, and needs one', () => {
    expect(validateWebhookEvents(['COMMENTED', 'CREATED', 'COMMENTED'])).toEqual(['CREATED', 'COMMENTED']);
    expect(() => validateWebhookEvents([])).toThrow(BadInputError);
    expect(webhookEventName('STATUS_CHANGED')).toBe('ticket.status_changed');
  });
});

describe('answers', () => {
  it.each([
    [200, 'delivered'],
    [204, 'delivered'],
    [500, 'retry'],
    [503, 'retry'],
    [429, 'retry'],
    [408, 'retry'],
    [410, 'gone'],
    [400, 'refused'],
    [404, 'refused'],
    [301, 'refused'],
    [302, 'refused'],
  ] as const)('%i is %s', (status, verdict) => {
    expect(responseVerdict(status)).toBe(verdict);
  });
});

describe('retries', () => {
  const tuning = { baseMs: 1_000, capMs: 60_000, giveUpAfterMs: 24 * 3600_000 };
  const created = new Date('2026-12-06T00:00:00Z');
  const now = new Date('2026-12-06T01:00:00Z');
  const delay = (at: Date | null) => (at ? at.getTime() - now.getTime() : null);

  it('doubles the delay per attempt, jittered between half and all of it, up to the cap', () => {
    expect(delay(nextRetryAt(1, created, now, tuning, null, () => 0))).toBe(500);
    expect(delay(nextRetryAt(1, created, now, tuning, null, () => 1))).toBe(1_000);
    expect(delay(nextRetryAt(4, created, now, tuning, null, () => 1))).toBe(8_000);
    expect(delay(nextRetryAt(30, created, now, tuning, null, () => 1))).toBe(60_000);
  });

  it('waits at least what Retry-After asks', () => {
    expect(delay(nextRetryAt(1, created, now, tuning, 120_000, () => 1))).toBe(120_000);
    expect(delay(nextRetryAt(8, created, now, tuning, 1_000, () => 1))).toBe(60_000);
  });

  it('gives up (null) when the next try would be more than a day after the event', () => {
    const late = new Date(created.getTime() + tuning.giveUpAfterMs - 10_000);
    expect(nextRetryAt(10, created, late, tuning, null, () => 1)).toBeNull();
    expect(nextRetryAt(1, created, late, tuning, null, () => 1)).not.toBeNull();
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('30', now)).toBe(30_000);
    expect(parseRetryAfter(new Date(now.getTime() + 90_000).toUTCString(), now)).toBe(90_000);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});
