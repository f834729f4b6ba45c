import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('report settings', () => {
  it('default to 08:00 UTC with the system fonts searched', () => {
    expect(loadConfig({}).report).toEqual({ timeZone: 'UTC', dailyAt: { hour: 8, minute: 0 }, fontFile: undefined });
  });

  it('read the time zone, the local time (or off) and a font file', () => {
    const config = loadConfig({ REPORT_TIMEZONE: 'Asia/Manila', DAILY_REPORT_TIME: '17:45', REPORT_FONT_FILE: '/fonts/a.ttf' });
    expect(config.report).toEqual({ timeZone: 'Asia/Manila', dailyAt: { hour: 17, minute: 45 }, fontFile: '/fonts/a.ttf' });
    expect(loadConfig({ DAILY_REPORT_TIME: 'off' }).report.dailyAt).toBeNull();
  });

  it('refuse a zone that is not one and a time that is not HH:MM', () => {
    expect(() => loadConfig({ REPORT_TIMEZONE: 'Mars/Olympus' })).toThrow(ConfigError);
    expect(() => loadConfig({ DAILY_REPORT_TIME: '8:00' })).toThrow(/HH:MM/);
    expect(() => loadConfig({ DAILY_REPORT_TIME: '24:00' })).toThrow(ConfigError);
  });
});
