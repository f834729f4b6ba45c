import { describe, expect, it } from 'vitest';
import { analyticsCost, COST_PER_ANALYTICS_DAY, daysCovered, EXPORT_BASE_COST, ticketExportCost } from './work-cost.ts';

describe('work cost', () => {
  it('prices analytics by the days the range covers, at least one', () => {
    const from = new Date('2026-01-01T00:00:00Z');
    expect(daysCovered(from, new Date('2026-01-31T00:00:00Z'))).toBe(30);
    expect(daysCovered(from, new Date('2026-01-01T01:00:00Z'))).toBe(1);
    expect(daysCovered(from, from)).toBe(1);
    expect(daysCovered(from, new Date('2025-01-01T00:00:00Z'))).toBe(1);
    expect(daysCovered(from, new Date('nope'))).toBe(1);
    expect(analyticsCost(from, new Date('2027-02-05T00:00:00Z'))).toBe(400 * COST_PER_ANALYTICS_DAY);
  });

  it('prices a ticket export by its rows', () => {
    expect(ticketExportCost(0)).toBe(EXPORT_BASE_COST);
    expect(ticketExportCost(200_000)).toBeGreaterThan(200_000);
  });
});
