import { describe, expect, it } from 'vitest';
import { dueNotice } from './deadline-notices.ts';
import { approvalCallbackData, parseApprovalCallback, renderDecision, renderNotice } from './telegram-notice.ts';
import { backoffMs, reserveSlot } from './telegram-rate.ts';

describe('renderNotice', () => {
  it('escapes every user-supplied text and mentions by linked id, then username, then name', () => {
    const text = renderNotice({
      kind: 'TICKET_REJECTED',
      payload: { title: '#7 <b>was</b> rejected & "done"', body: 'use <i>fonts</i>', ticketNumber: 7 },
      actor: { displayName: 'Ann <script>' },
      mentions: [
        { displayName: 'Linked <x>', telegramChatId: '42', telegramUsername: 'ignored_name' },
        { displayName: 'Handle', telegramChatId: null, telegramUsername: 'handle_5' },
        { displayName: 'Plain & simple', telegramChatId: null, telegramUsername: null },
      ],
      frontendUrl: 'https://tickets.example.com/',
      timeZone: 'UTC',
    });
    expect(text).toBe(
      [
        '⛔ <b>#7 &lt;b&gt;was&lt;/b&gt; rejected &amp; &quot;done&quot;</b>',
        'by Ann &lt;script&gt;',
        'Reason: use &lt;i&gt;fonts&lt;/i&gt;',
        '<a href="tg://user?id=42">Linked &lt;x&gt;</a>, @handle_5, Plain &amp; simple',
        '<a href="https://tickets.example.com/tickets/7">Open #7</a>',
      ].join('\n'),
    );
  });

  it('quotes comments and leaves the link out without a FRONTEND_URL', () => {
    const text = renderNotice({
      kind: 'COMMENT_ADDED',
      payload: { title: 'ann commented on #3', body: 'a < b', ticketNumber: 3 },
      actor: null,
      mentions: [],
      frontendUrl: undefined,
      timeZone: 'UTC',
    });
    expect(text).toBe('💬 <b>ann commented on #3</b>\n<blockquote>a &lt; b</blockquote>');
  });

  it("shows the server's instants in the team's time zone, and what people wrote as they wrote it", () => {
    const notice = (kind: 'TICKET_ASSIGNED' | 'COMMENT_ADDED', body: string, timeZone: string) =>
      renderNotice({ kind, payload: { title: 't', body, ticketNumber: null }, actor: null, mentions: [], frontendUrl: undefined, timeZone });
    expect(notice('TICKET_ASSIGNED', 'Due 2026-12-01T08:00:00.000Z', 'Asia/Manila')).toBe('👤 <b>t</b>\nDue Tue, 1 Dec 2026, 16:00 GMT+8');
    // A day earlier in New York, in its winter offset.
    expect(notice('TICKET_ASSIGNED', 'Due 2026-12-01T03:30:00Z', 'America/New_York')).toBe('👤 <b>t</b>\nDue Mon, 30 Nov 2026, 22:30 GMT-5');
    expect(notice('COMMENT_ADDED', 'moved to 2026-12-01T08:00:00Z', 'Asia/Manila')).toBe('💬 <b>t</b>\n<blockquote>moved to 2026-12-01T08:00:00Z</blockquote>');
  });

  it('renders a decision with its reason, escaped', () => {
    expect(renderDecision({ ticketNumber: 2, ticketTitle: 'A<B', decision: 'REJECTED', decidedBy: 'M&M', reason: '<no>', frontendUrl: undefined })).toBe(
      '<b>#2: A&lt;B</b>\n⛔ Rejected by M&amp;M\nReason: &lt;no&gt;',
    );
  });
});

describe('approval callback data', () => {
  it('round-trips within 64 bytes and refuses anything else', () => {
    const tap = { action: 'reject' as const, ticketId: '01234567-89ab-7def-8123-456789abcdef', version: 12 };
    const data = approvalCallbackData(tap);
    expect(data.length).toBeLessThanOrEqual(64);
    expect(parseApprovalCallback(data)).toEqual(tap);
    expect(parseApprovalCallback('ap:not-a-uuid:1')).toBeNull();
  });
});

describe('reserveSlot', () => {
  const t0 = new Date('2026-01-01T00:00:00Z');
  const plus = (ms: number) => new Date(t0.getTime() + ms);

  it('keeps one message a second per chat', () => {
    const first = reserveSlot('42', { recentSends: [], blockedUntil: null }, t0);
    expect(first.ok).toBe(true);
    const sends = first.ok ? first.recentSends : [];
    expect(reserveSlot('42', { recentSends: sends, blockedUntil: null }, plus(400))).toEqual({ ok: false, retryAt: plus(1000) });
    expect(reserveSlot('42', { recentSends: sends, blockedUntil: null }, plus(1000)).ok).toBe(true);
  });

  it('keeps 20 a minute in a group', () => {
    const sends = Array.from({ length: 20 }, (_, i) => plus(i * 1000));
    expect(reserveSlot('-100', { recentSends: sends, blockedUntil: null }, plus(21_000))).toEqual({ ok: false, retryAt: plus(60_000) });
    // A private chat has no per-minute cap.
    expect(reserveSlot('42', { recentSends: sends, blockedUntil: null }, plus(21_000)).ok).toBe(true);
  });

  it("waits out Telegram's retry_after", () => {
    expect(reserveSlot('42', { recentSends: [], blockedUntil: plus(5000) }, t0)).toEqual({ ok: false, retryAt: plus(5000) });
  });

  it('backs off exponentially up to a cap', () => {
    expect([1, 2, 3, 4, 10].map((n) => backoffMs(n, 100, 1000))).toEqual([100, 200, 400, 800, 1000]);
  });
});

describe('dueNotice', () => {
  const now = new Date('2026-01-02T00:00:00Z');
  const day = 24 * 3600_000;
  const open = { status: 'IN_PROGRESS', deletedAt: null };
  it('reminds within the lead time, flags overdue after, and says nothing for finished or undated tickets', () => {
    expect(dueNotice({ ...open, dueDate: new Date(now.getTime() + 2 * day) }, now, day)).toBeNull();
    expect(dueNotice({ ...open, dueDate: new Date(now.getTime() + day / 2) }, now, day)).toBe('DEADLINE_REMINDER');
    expect(dueNotice({ ...open, dueDate: new Date(now.getTime() - 1) }, now, day)).toBe('TICKET_OVERDUE');
    expect(dueNotice({ ...open, status: 'COMPLETED', dueDate: new Date(now.getTime() - 1) }, now, day)).toBeNull();
    expect(dueNotice({ ...open, dueDate: null }, now, day)).toBeNull();
  });
});
