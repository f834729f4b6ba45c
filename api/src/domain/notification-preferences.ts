// Quiet hours in the user's own time zone. Pure date arithmetic, tested on its own.

import { zonedFormat } from './zoned-format.ts';

export type QuietHours = {
  /** Minutes after local midnight when quiet starts. */
  start: number;
  /** Minutes after local midnight when quiet ends (may be before start: the window spans midnight). */
  end: number;
  timeZone: string;
};

const MINUTES_PER_DAY = 24 * 60;

const clockFormat = zonedFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** Minutes after local midnight of `at` in the time zone. */
export function localMinutes(at: Date, timeZone: string): number {
  const parts = clockFormat(timeZone).formatToParts(at);
  const hour = Number(parts.find((part) => part.type === 'hour')?.value ?? 0);
  const minute = Number(parts.find((part) => part.type === 'minute')?.value ?? 0);
  return hour * 60 + minute;
}

export function validateQuietHours(start: number | null, end: number | null): void {
  const valid = (value: number) => Number.isInteger(value) && value >= 0 && value < MINUTES_PER_DAY;
  if ((start === null) !== (end === null)) throw new RangeError('quiet hours need both a start and an end, or neither');
  if (start !== null && end !== null && (!valid(start) || !valid(end) || start === end)) {
    throw new RangeError('quiet hours are minutes after midnight (0–1439), start ≠ end');
  }
}

/** When quiet hours are on at `at`, the instant they end; otherwise null. */
export function isQuietAt(quiet: QuietHours, at: Date): Date | null {
  const now = localMinutes(at, quiet.timeZone);
  const inside = quiet.start < quiet.end ? now >= quiet.start && now < quiet.end : now >= quiet.start || now < quiet.end;
  if (!inside) return null;
  const minutesLeft = (quiet.end - now + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  const endsAt = new Date(at.getTime() + minutesLeft * 60_000);
  endsAt.setUTCSeconds(0, 0);
  return endsAt;
}
