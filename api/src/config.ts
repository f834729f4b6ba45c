// Every environment variable, parsed and validated once. Nothing else reads process.env.
import { fileURLToPath } from 'node:url';
// The namespace, not the `z` export: `z` is one object holding every locale, so bundling it brought all of zod's
// locales (≈0.4 MB) into the start; a namespace import keeps only what is used, English messages included.
import * as z from 'zod';
import { DEFAULT_KPI_TARGETS, type KpiTargets } from './domain/analytics.ts';
import type { DeliveryRetention } from './notifications/webhook-retention.ts';

/** Where `npm run build:web` writes the web app. */
const WEB_DIST_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));

const list = z
  .string()
  .optional()
  .transform((value) =>
    value
      ? value
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean)
      : [],
  );

const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((value) => (value === undefined ? fallback : value === 'true' || value === '1'));

/**
 * A URL with one of these schemes. `z.string().url()` alone takes `db-host:5432/x` (its scheme would be
 * `db-host:`), which then fails at the first query instead of at start.
 */
const urlWithScheme = (schemes: string[], name: string, example: string) =>
  z
    .string()
    .refine(
      (value) => URL.canParse(value) && schemes.includes(new URL(value).protocol.slice(0, -1)),
      `${name} must be a ${schemes.map((scheme) => `${scheme}://`).join(' or ')} URL, e.g. ${example}`,
    );

/** Settings that only mean something with S3_BUCKET: without it attachments would silently go to local disk. */
const S3_SETTINGS_NEEDING_BUCKET = ['S3_ENDPOINT', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'S3_FORCE_PATH_STYLE'] as const;

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: urlWithScheme(['postgres', 'postgresql'], 'DATABASE_URL', 'postgresql://user:password@db-host:5432/juan365').optional(),
  DATABASE_WAIT_SECONDS: z.coerce.number().min(0).max(3600).default(30),
  REDIS_URL: urlWithScheme(['redis', 'rediss'], 'REDIS_URL', 'redis://redis-host:6379').optional(),
  DATA_DIR: z.string().default('./data'),
  WEB_DIST_DIR: z.string().default(WEB_DIST_DIR),
  JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters').optional(),
  CORS_ORIGINS: list,
  FRONTEND_URL: z.string().url().optional(),
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  S3_BUCKET: z.string().optional(),
  S3_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: flag(false),
  TELEGRAM_BOT_TOKEN: z.string().optional(),
  TELEGRAM_GROUP_CHAT_ID: z.string().optional(),
  TELEGRAM_BOT_USERNAME: z.string().optional(),
  TELEGRAM_API_ROOT: z.string().url().default('https://api.telegram.org'),
  TELEGRAM_WEBHOOK_URL: z.string().url().optional(),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,256}$/, 'TELEGRAM_WEBHOOK_SECRET must be 16–256 letters, digits, _ or -')
    .optional(),
  DEADLINE_REMINDER_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(24),
  DEMO_PASSWORD: z.string().min(8).default('demo-password'),
  REGISTRATION_APPROVAL: flag(true),
  REGISTRATIONS_PER_ADDRESS_PER_HOUR: z.coerce.number().int().positive().default(5),
  REGISTRATIONS_PER_HOUR: z.coerce.number().int().positive().default(60),
  PENDING_REGISTRATION_DAYS: z.coerce.number().positive().max(3650).default(14),
  UPLOAD_QUOTA_BYTES_PER_USER_PER_DAY: z.coerce
    .number()
    .int()
    .min(0)
    .default(500 * 1024 * 1024),
  UPLOAD_QUOTA_BYTES_PER_TICKET: z.coerce
    .number()
    .int()
    .min(0)
    .default(200 * 1024 * 1024),
  SEED_DEMO_DATA: flag(true),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  NODE_ENV: z.string().default('development'),
  GRAPHIQL: flag(true),
  REQUEST_BODY_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
  TRUST_PROXY: z
    .union([z.enum(['true', 'false']), z.coerce.number().int().min(0).max(10)])
    .default('false')
    .transform((value) => (value === 'true' ? 1 : value === 'false' ? 0 : value)),
  REDIS_PREFIX: z
    .string()
    .regex(/^[\w.:-]{1,64}$/, 'REDIS_PREFIX: letters, digits, _ . : - (at most 64)')
    .default('juan365:'),
  RATE_LIMIT_POINTS: z.coerce.number().int().min(0).default(200_000),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().positive().default(60),
  METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN must be at least 16 characters').optional(),
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().positive().default(10),
  REPORT_TIMEZONE: z.string().default('UTC').refine(isTimeZone, 'REPORT_TIMEZONE must be an IANA time zone, e.g. Asia/Manila or UTC'),
  DAILY_REPORT_TIME: z
    .string()
    .regex(/^(off|([01]\d|2[0-3]):[0-5]\d)$/, 'DAILY_REPORT_TIME must be HH:MM (24-hour) or off')
    .default('08:00'),
  REPORT_FONT_FILE: z.string().optional(),
  WEBHOOK_ALLOW_PRIVATE_TARGETS: flag(false),
  WEBHOOK_TIMEOUT_SECONDS: z.coerce.number().positive().max(60).default(10),
  WEBHOOK_DISABLE_AFTER_DEAD: z.coerce.number().int().positive().default(5),
  WEBHOOK_SUCCEEDED_RETENTION_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
  WEBHOOK_DEAD_RETENTION_DAYS: z.coerce.number().int().min(0).max(3650).default(90),
  KPI_TARGET_COMPLETION_RATE: z.coerce.number().min(0).max(1).default(DEFAULT_KPI_TARGETS.COMPLETION_RATE),
  KPI_TARGET_ON_TIME_RATE: z.coerce.number().min(0).max(1).default(DEFAULT_KPI_TARGETS.ON_TIME_RATE),
  KPI_TARGET_AVERAGE_REVISIONS: z.coerce.number().min(0).default(DEFAULT_KPI_TARGETS.AVERAGE_REVISIONS),
  KPI_TARGET_OVERDUE_RATE: z.coerce.number().min(0).max(1).default(DEFAULT_KPI_TARGETS.OVERDUE_RATE),
});

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /** How long start-up waits for the PostgreSQL at databaseUrl to answer and be migrated before giving up. */
  databaseWaitMs: number;
  redisUrl: string | undefined;
  dataDir: string;
  /** The built web app served at '/'; not served when it has no index.html. */
  webDistDir: string;
  /** Unset only in embedded mode, where the app generates one under dataDir. */
  jwtSecret: string | undefined;
  corsOrigins: string[];
  frontendUrl: string | undefined;
  uploadMaxBytes: number;
  /** Attachment bytes in this S3-compatible bucket; unset → files under dataDir/uploads. */
  s3:
    | {
        bucket: string;
        region: string;
        endpoint: string | undefined;
        accessKeyId: string | undefined;
        secretAccessKey: string | undefined;
        forcePathStyle: boolean;
      }
    | undefined;
  /** How long a signed download link (Attachment.url) stays valid. */
  fileLinkTtlSeconds: number;
  telegram: {
    botToken: string | undefined;
    groupChatId: string | undefined;
    botUsername: string | undefined;
    apiRoot: string;
    /** Public base URL of this API: set → updates arrive by webhook at <url>/telegram/webhook; unset → long polling. */
    webhookUrl: string | undefined;
    /** Telegram sends it in X-Telegram-Bot-Api-Secret-Token; the webhook refuses requests without it. */
    webhookSecret: string | undefined;
  };
  /** How long before a due date the deadline reminder goes out. */
  deadlineReminderLeadMs: number;
  demoPassword: string;
  registrationApproval: boolean;
  /** Self-registrations allowed per client address and in all per hour (auth/registration-throttle.ts). */
  registrationLimits: { perAddress: number; global: number; windowSeconds: number };
  /** A self-registered account nobody approved within this many days is deleted, freeing its name. */
  pendingRegistrationDays: number;
  /** Attachment bytes one user may upload per rolling day, and one ticket may hold (0: no quota). */
  uploadQuota: { bytesPerUserPerDay: number; bytesPerTicket: number };
  /** Embedded mode seeds demo data into an empty database unless this is false. */
  seedDemoData: boolean;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** NODE_ENV=production: no introspection or field suggestions for anonymous callers. */
  production: boolean;
  /** GraphiQL at GET /graphql in a browser, from our own assets (production too); GRAPHIQL=false turns it off. */
  graphiql: boolean;
  /** The largest request body outside uploads (which have uploadMaxBytes): larger ones get 413 unread. */
  requestBodyMaxBytes: number;
  /** How many reverse proxies in front of us append to X-Forwarded-For (0: the header is ignored). */
  trustProxyHops: number;
  /** Prepended to every Redis channel and key, so deployments can share one Redis. */
  redisPrefix: string;
  /** Query-cost points each user (or anonymous address) may spend per window; 0 turns the limit off. */
  rateLimit: { points: number; windowSeconds: number };
  /** Bearer token that GET /metrics requires; unset, /metrics is not served. */
  metricsToken: string | undefined;
  /** On SIGTERM/SIGINT, how long in-flight HTTP requests may take to finish before they are cut. */
  shutdownTimeoutMs: number;
  report: {
    /** The IANA zone whose days the reports count ("yesterday", "this month"). */
    timeZone: string;
    /** Local time of the daily report to the Telegram group; null: not sent. */
    dailyAt: { hour: number; minute: number } | null;
    /** A TrueType/OpenType font for the chart's text; unset → the usual system font places are searched. */
    fontFile: string | undefined;
  };
  /** The monthly report's targets (completion and on-time rates at least, average revisions and overdue rate at most). */
  kpiTargets: KpiTargets;
  webhooks: {
    /** Let webhooks reach loopback, private and link-local addresses (tests, a closed network); off: refused. */
    allowPrivateTargets: boolean;
    /** How long one delivery attempt may take, connect to last byte. */
    timeoutMs: number;
    /** Dead deliveries in a row after which an endpoint is turned off (its owner is notified). */
    disableAfterDead: number;
  };
  /** Days finished webhook deliveries are kept (notifications/webhook-retention.ts); 0: for good. */
  webhookRetention: DeliveryRetention;
  /** Token lifetimes; tests shorten them. */
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
};

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const blankAsUnset = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = envSchema.safeParse(blankAsUnset);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  const s3WithoutBucket = S3_SETTINGS_NEEDING_BUCKET.filter((name) => blankAsUnset[name] !== undefined);
  if (!e.S3_BUCKET && s3WithoutBucket.length) {
    throw new ConfigError(
      `S3_BUCKET is missing: ${s3WithoutBucket.join(', ')} ${s3WithoutBucket.length > 1 ? 'are' : 'is'} set, but without S3_BUCKET attachments would be kept on local disk. Set S3_BUCKET, or unset ${s3WithoutBucket.length > 1 ? 'them' : 'it'}.`,
    );
  }
  if (Boolean(e.S3_ACCESS_KEY_ID) !== Boolean(e.S3_SECRET_ACCESS_KEY)) {
    throw new ConfigError("Set S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY together (or neither, to use the AWS SDK's default credentials).");
  }
  if (e.DATABASE_URL && !e.JWT_SECRET) {
    throw new ConfigError('JWT_SECRET is required when DATABASE_URL is set (at least 32 characters).');
  }
  if (e.TELEGRAM_WEBHOOK_URL && !e.TELEGRAM_WEBHOOK_SECRET) {
    throw new ConfigError('TELEGRAM_WEBHOOK_SECRET is required with TELEGRAM_WEBHOOK_URL (the webhook refuses unsigned updates).');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databaseWaitMs: e.DATABASE_WAIT_SECONDS * 1000,
    redisUrl: e.REDIS_URL,
    dataDir: e.DATA_DIR,
    webDistDir: e.WEB_DIST_DIR,
    jwtSecret: e.JWT_SECRET,
    corsOrigins: e.CORS_ORIGINS,
    frontendUrl: e.FRONTEND_URL,
    uploadMaxBytes: e.UPLOAD_MAX_BYTES,
    s3: e.S3_BUCKET
      ? {
          bucket: e.S3_BUCKET,
          region: e.S3_REGION,
          endpoint: e.S3_ENDPOINT,
          accessKeyId: e.S3_ACCESS_KEY_ID,
          secretAccessKey: e.S3_SECRET_ACCESS_KEY,
          forcePathStyle: e.S3_FORCE_PATH_STYLE,
        }
      : undefined,
    fileLinkTtlSeconds: 15 * 60,
    telegram: {
      botToken: e.TELEGRAM_BOT_TOKEN,
      groupChatId: e.TELEGRAM_GROUP_CHAT_ID,
      botUsername: e.TELEGRAM_BOT_USERNAME,
      apiRoot: e.TELEGRAM_API_ROOT,
      webhookUrl: e.TELEGRAM_WEBHOOK_URL,
      webhookSecret: e.TELEGRAM_WEBHOOK_SECRET,
    },
    deadlineReminderLeadMs: e.DEADLINE_REMINDER_HOURS * 3600_000,
    demoPassword: e.DEMO_PASSWORD,
    registrationApproval: e.REGISTRATION_APPROVAL,
    registrationLimits: { perAddress: e.REGISTRATIONS_PER_ADDRESS_PER_HOUR, global: e.REGISTRATIONS_PER_HOUR, windowSeconds: 3600 },
    pendingRegistrationDays: e.PENDING_REGISTRATION_DAYS,
    uploadQuota: { bytesPerUserPerDay: e.UPLOAD_QUOTA_BYTES_PER_USER_PER_DAY, bytesPerTicket: e.UPLOAD_QUOTA_BYTES_PER_TICKET },
    seedDemoData: e.SEED_DEMO_DATA,
    logLevel: e.LOG_LEVEL,
    production: e.NODE_ENV === 'production',
    graphiql: e.GRAPHIQL,
    requestBodyMaxBytes: e.REQUEST_BODY_MAX_BYTES,
    trustProxyHops: e.TRUST_PROXY,
    redisPrefix: e.REDIS_PREFIX,
    rateLimit: { points: e.RATE_LIMIT_POINTS, windowSeconds: e.RATE_LIMIT_WINDOW_SECONDS },
    metricsToken: e.METRICS_TOKEN,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_SECONDS * 1000,
    report: {
      timeZone: e.REPORT_TIMEZONE,
      dailyAt: e.DAILY_REPORT_TIME === 'off' ? null : { hour: Number(e.DAILY_REPORT_TIME.slice(0, 2)), minute: Number(e.DAILY_REPORT_TIME.slice(3)) },
      fontFile: e.REPORT_FONT_FILE,
    },
    kpiTargets: {
      COMPLETION_RATE: e.KPI_TARGET_COMPLETION_RATE,
      ON_TIME_RATE: e.KPI_TARGET_ON_TIME_RATE,
      AVERAGE_REVISIONS: e.KPI_TARGET_AVERAGE_REVISIONS,
      OVERDUE_RATE: e.KPI_TARGET_OVERDUE_RATE,
    },
    webhooks: {
      allowPrivateTargets: e.WEBHOOK_ALLOW_PRIVATE_TARGETS,
      timeoutMs: e.WEBHOOK_TIMEOUT_SECONDS * 1000,
      disableAfterDead: e.WEBHOOK_DISABLE_AFTER_DEAD,
    },
    webhookRetention: { succeededDays: e.WEBHOOK_SUCCEEDED_RETENTION_DAYS, deadDays: e.WEBHOOK_DEAD_RETENTION_DAYS },
    accessTokenTtlSeconds: 15 * 60,
    refreshTokenTtlSeconds: 30 * 24 * 60 * 60,
  };
}
