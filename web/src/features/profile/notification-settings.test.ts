import { describe, expect, it } from 'vitest';
import {
  describeQuietHours,
  minutesOfTime,
  NOTIFICATION_KINDS,
  preferencesInput,
  quietHoursDraft,
  quietHoursProblem,
  timeOfMinutes,
} from './notification-settings';

describe('quiet hours', () => {
  it('turns times of day into minutes after midnight and back', () => {
    expect(minutesOfTime('00:00')).toBe(0);
    expect(minutesOfTime('22:30')).toBe(1350);
    expect(minutesOfTime('23:59')).toBe(1439);
    expect(minutesOfTime('24:00')).toBeUndefined();
    expect(minutesOfTime('')).toBeUndefined();
    expect(timeOfMinutes(1350)).toBe('22:30');
    expect(timeOfMinutes(5)).toBe('00:05');
  });

  it('shows stored hours, and suggests a night when none are set', () => {
    expect(quietHoursDraft(1320, 420)).toEqual({ enabled: true, start: '22:00', end: '07:00' });
    expect(quietHoursDraft(null, null)).toEqual({ enabled: false, start: '22:00', end: '07:00' });
  });

  it('needs both times and a window that is not empty; says when it spans midnight', () => {
    expect(quietHoursProblem({ enabled: false, start: '', end: '' })).toBeUndefined();
    expect(quietHoursProblem({ enabled: true, start: '22:00', end: '' })).toBe('Give both a start and an end time.');
    expect(quietHoursProblem({ enabled: true, start: '08:00', end: '08:00' })).toBe('Quiet hours must end at another time than they start.');
    expect(quietHoursProblem({ enabled: true, start: '22:00', end: '07:00' })).toBeUndefined();
    expect(describeQuietHours({ enabled: true, start: '22:00', end: '07:00' })).toBe('From 22:00 until 07:00 the next day.');
    expect(describeQuietHours({ enabled: true, start: '12:00', end: '13:30' })).toBe('From 12:00 until 13:30.');
  });

  it('sends the muted kinds (every kind not received) and the window in minutes, or clears it', () => {
    const received = new Set(NOTIFICATION_KINDS.filter((kind) => kind !== 'COMMENT_ADDED' && kind !== 'TICKET_CREATED'));
    expect(preferencesInput(received, true, { enabled: true, start: '22:00', end: '07:00' })).toEqual({
      mutedKinds: ['TICKET_CREATED', 'COMMENT_ADDED'],
      telegramDm: true,
      quietHoursStart: 1320,
      quietHoursEnd: 420,
    });
    expect(preferencesInput(new Set(NOTIFICATION_KINDS), false, { enabled: false, start: '22:00', end: '07:00' })).toEqual({
      mutedKinds: [],
      telegramDm: false,
      clearQuietHours: true,
    });
  });
});
