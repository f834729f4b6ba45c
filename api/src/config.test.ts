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

describe('connection URLs', () => {
  const secret = { JWT_SECRET: 'a-secret-of-at-least-thirty-two-characters' };

  it('take postgres:// and postgresql:// for DATABASE_URL, redis:// and rediss:// for REDIS_URL', () => {
    for (const url of ['postgres://app@db-host:5432/juan365', 'postgresql://app:pw@db-host/juan365']) {
      expect(loadConfig({ ...secret, DATABASE_URL: url }).databaseUrl).toBe(url);
    }
    for (const url of ['redis://redis-host:6379', 'rediss://user:pw@redis-host:6380/2']) {
      expect(loadConfig({ REDIS_URL: url }).redisUrl).toBe(url);
    }
  });

  it('refuse a DATABASE_URL without a PostgreSQL scheme, naming the variable', () => {
    // `db-host:5432/x` parses as a URL whose scheme is `db-host:`: it used to pass and fail at the first query.
    for (const url of ['db-host:5432/x', 'mysql://db-host/x', 'http://db-host:5432/x', 'not a url']) {
      expect(() => loadConfig({ ...secret, DATABASE_URL: url })).toThrow(/DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL/);
    }
  });

  it('refuse a REDIS_URL without a Redis scheme', () => {
    for (const url of ['redis-host:6379', 'http://redis-host:6379']) {
      expect(() => loadConfig({ REDIS_URL: url })).toThrow(/REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/);
    }
  });

  it('wait 30 s for the database by default; DATABASE_WAIT_SECONDS changes it (0: one try)', () => {
    expect(loadConfig({}).databaseWaitMs).toBe(30_000);
    expect(loadConfig({ DATABASE_WAIT_SECONDS: '2' }).databaseWaitMs).toBe(2000);
    expect(loadConfig({ DATABASE_WAIT_SECONDS: '0' }).databaseWaitMs).toBe(0);
    expect(() => loadConfig({ DATABASE_WAIT_SECONDS: '-1' })).toThrow(/DATABASE_WAIT_SECONDS/);
  });
});

describe('S3 settings', () => {
  it('keep attachments on local disk when none is set, in the bucket when S3_BUCKET is', () => {
    expect(loadConfig({}).s3).toBeUndefined();
    expect(loadConfig({ S3_BUCKET: 'files', S3_ENDPOINT: 'http://minio:9000', S3_FORCE_PATH_STYLE: 'true' }).s3).toMatchObject({
      bucket: 'files',
      endpoint: 'http://minio:9000',
      forcePathStyle: true,
    });
  });

  it('refuse half a configuration: any S3 setting without S3_BUCKET, naming what is set and what is missing', () => {
    const keys = { S3_ACCESS_KEY_ID: 'key', S3_SECRET_ACCESS_KEY: 'secret' };
    expect(() => loadConfig({ S3_ENDPOINT: 'http://minio:9000', ...keys })).toThrow(
      'S3_BUCKET is missing: S3_ENDPOINT, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY are set',
    );
    expect(() => loadConfig(keys)).toThrow(ConfigError);
    expect(() => loadConfig({ S3_ENDPOINT: 'http://minio:9000' })).toThrow('S3_BUCKET is missing: S3_ENDPOINT is set');
    expect(() => loadConfig({ S3_FORCE_PATH_STYLE: 'true' })).toThrow('S3_BUCKET is missing: S3_FORCE_PATH_STYLE is set');
    // Blank is unset (compose passes `${S3_ENDPOINT:-}`).
    expect(loadConfig({ S3_ENDPOINT: '', S3_ACCESS_KEY_ID: '', S3_SECRET_ACCESS_KEY: '', S3_FORCE_PATH_STYLE: '' }).s3).toBeUndefined();
  });
});

describe('webhook settings', () => {
  it('refuse private targets, wait 10 s and turn an endpoint off after 5 dead deliveries by default', () => {
    expect(loadConfig({}).webhooks).toEqual({ allowPrivateTargets: false, timeoutMs: 10_000, disableAfterDead: 5 });
  });

  it('read WEBHOOK_ALLOW_PRIVATE_TARGETS, WEBHOOK_TIMEOUT_SECONDS and WEBHOOK_DISABLE_AFTER_DEAD', () => {
    expect(loadConfig({ WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', WEBHOOK_TIMEOUT_SECONDS: '2.5', WEBHOOK_DISABLE_AFTER_DEAD: '3' }).webhooks).toEqual({
      allowPrivateTargets: true,
      timeoutMs: 2_500,
      disableAfterDead: 3,
    });
    expect(() => loadConfig({ WEBHOOK_ALLOW_PRIVATE_TARGETS: 'yes' })).toThrow(ConfigError);
    expect(() => loadConfig({ WEBHOOK_TIMEOUT_SECONDS: '0' })).toThrow(ConfigError);
  });

  it('keep successful deliveries 30 days and dead ones 90 by default; the RETENTION_DAYS variables change it (0: for good)', () => {
    expect(loadConfig({}).webhookRetention).toEqual({ succeededDays: 30, deadDays: 90 });
    expect(loadConfig({ WEBHOOK_SUCCEEDED_RETENTION_DAYS: '7', WEBHOOK_DEAD_RETENTION_DAYS: '0' }).webhookRetention).toEqual({ succeededDays: 7, deadDays: 0 });
    expect(() => loadConfig({ WEBHOOK_DEAD_RETENTION_DAYS: '-1' })).toThrow(ConfigError);
    expect(() => loadConfig({ WEBHOOK_SUCCEEDED_RETENTION_DAYS: '1.5' })).toThrow(ConfigError);
  });
});
