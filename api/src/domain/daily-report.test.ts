import { describe, expect, it } from 'vitest';
import { addDays, assembleFigures, type DayFigures, dailyReportCaption, dueReportDay, reportDays, startOfDay } from './daily-report.ts';

const manila = { timeZone: 'Asia/Manila', hour: 8, minute: 0 };

describe('dueReportDay', () => {
  it('is yesterday in the report time zone once its clock passed the report time, else nothing', () => {
    expect(dueReportDay(new Date('2026-11-29T23:59:59Z'), manila)).toBeNull(); // 07:59:59 on the 30th in Manila
    expect(dueReportDay(new Date('2026-11-30T00:00:00Z'), manila)).toBe('2026-11-29'); // 08:00
    expect(dueReportDay(new Date('2026-11-30T15:59:00Z'), manila)).toBe('2026-11-29'); // 23:59, a late start
    expect(dueReportDay(new Date('2026-11-30T16:00:00Z'), manila)).toBeNull(); // 00:00 on 1 December
    expect(dueReportDay(new Date('2027-01-01T00:00:00Z'), manila)).toBe('2026-12-31'); // across the year
    expect(dueReportDay(new Date('2026-11-30T08:00:00Z'), { timeZone: 'UTC', hour: 8, minute: 0 })).toBe('2026-11-29');
    expect(dueReportDay(new Date('2026-11-30T07:59:00Z'), { timeZone: 'UTC', hour: 8, minute: 0 })).toBeNull();
  });
});

describe('startOfDay', () => {
  it('is local midnight as an instant, also on daylight-saving days', () => {
    expect(startOfDay('2026-11-29', 'Asia/Manila').toISOString()).toBe('2026-11-28T16:00:00.000Z');
    expect(startOfDay('2026-11-29', 'UTC').toISOString()).toBe('2026-11-29T00:00:00.000Z');
    // New York: EST (−5) until 8 March 2026 at 02:00, EDT (−4) after; back on 1 November.
    expect(startOfDay('2026-03-08', 'America/New_York').toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(startOfDay('2026-03-09', 'America/New_York').toISOString()).toBe('2026-03-09T04:00:00.000Z');
    expect(startOfDay('2026-11-01', 'America/New_York').toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect(startOfDay('2026-11-02', 'America/New_York').toISOString()).toBe('2026-11-02T05:00:00.000Z');
  });
});

describe('reportDays', () => {
  it('covers the month through the day and the two weeks of the chart, each day from its midnight to the next', () => {
    const early = reportDays('2026-11-03', 'UTC');
    expect(early[0]?.day).toBe('2026-10-21'); // 14 days back reach into October
    expect(early.at(-1)).toEqual({ day: '2026-11-03', start: new Date('2026-11-03T00:00:00Z'), end: new Date('2026-11-04T00:00:00Z') });
    expect(reportDays('2026-11-29', 'UTC').map((d) => d.day)).toEqual(Array.from({ length: 29 }, (_, i) => addDays('2026-11-01', i)));
    const ny = reportDays('2026-03-08', 'America/New_York').at(-1);
    expect((ny!.end.getTime() - ny!.start.getTime()) / 3600_000).toBe(23); // the short day
  });
});

describe('the report', () => {
  const day = (d: string, created: number, completed: number, image = 0, video = 0): DayFigures => ({
    day: d,
    created,
    completed,
    output: { image, video, other: 0 },
  });
  const perDay = [day('2026-10-31', 100, 100, 100, 100), day('2026-11-01', 4, 1, 6, 0), day('2026-11-02', 2, 3, 4, 2), day('2026-11-03', 3, 2, 5, 1)];
  const figures = assembleFigures('2026-11-03', 'UTC', perDay, { requested: 1, pendingCreative: 2, approved: 3, inProgress: 4, overdue: 5 });

  it('compares yesterday with the daily average of the month so far', () => {
    expect(figures.yesterday).toEqual(day('2026-11-03', 3, 2, 5, 1));
    expect(figures.month).toEqual({ days: 3, created: 9, completed: 6, output: { image: 15, video: 3, other: 0 } });
    expect(figures.trend.map((point) => point.day)).toEqual(['2026-10-31', '2026-11-01', '2026-11-02', '2026-11-03']);
    expect(dailyReportCaption(figures)).toBe(
      [
        '📊 <b>Daily report: Tuesday, 3 November 2026</b>',
        "Created: <b>3</b> (month's daily average 3.0)",
        'Completed: <b>2</b> (average 2.0)',
        'Output: <b>5 images, 1 video</b> (average 5.0 images, 1.0 videos)',
        'Queue now: 1 awaiting department approval, 2 awaiting Creative approval, 3 approved, 4 in progress; <b>5 overdue</b>',
      ].join('\n'),
    );
  });

  it('names output without criteria when there is some, and links to the analytics page', () => {
    const withOther = { ...figures, yesterday: { ...figures.yesterday, output: { image: 1, video: 0, other: 2 } } };
    const caption = dailyReportCaption(withOther, 'https://tickets.example.com/');
    expect(caption).toContain('Output: <b>1 image, 0 videos, 2 other</b>');
    expect(caption.endsWith('<a href="https://tickets.example.com/analytics">Open analytics</a>')).toBe(true);
  });
});
