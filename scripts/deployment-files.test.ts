// No Docker engine runs here, so the image and the compose file are checked by reading them: the Dockerfile's
// stages and who runs the server, the compose file well-formed, wired together, passing every setting the README
// documents, with its secrets from the environment, and configuring the API only with what its config accepts.
// (`npm run lint:deploy` lints both files with dockerfile-utils and dclint.)
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../api/src/config.ts';

const read = (file: string) => readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');

type Service = {
  image?: string;
  build?: string;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  ports?: string[];
};
const compose = parse(read('docker-compose.yml')) as { services: Record<string, Service>; volumes: Record<string, unknown> };

/** The variables of the README's configuration table (its first column), in its order. */
const documented = read('README.md')
  .split(/^## /m)
  .find((section) => section.startsWith('Configuration\n'))!
  .split('\n')
  .filter((line) => line.startsWith('| `'))
  .flatMap((line) => line.split('|')[1]!.match(/`[A-Z0-9_]+`/g) ?? [])
  .map((name) => name.slice(1, -1));

/** Compose's interpolation with the required secrets set and every optional variable unset. */
const SECRETS: Record<string, string> = { JWT_SECRET: 'a-secret-of-at-least-thirty-two-characters', POSTGRES_PASSWORD: 'c0ffee' };
function interpolate(value: string): string {
  return value.replace(/\$\{([A-Z0-9_]+)(?::([?-])([^}]*))?\}/g, (_match, name: string, kind?: string, fallback = '') => {
    if (kind === '?') {
      if (!(name in SECRETS)) throw new Error(`${name} is required by the compose file but not set in this test`);
      return SECRETS[name]!;
    }
    return fallback;
  });
}

/** The Dockerfile as stages: each FROM with the instructions under it (continuation lines joined). */
const stages = read('Dockerfile')
  .replace(/\\\n/g, ' ')
  .split('\n')
  .filter((line) => line.trim() && !line.trim().startsWith('#'))
  .reduce<{ from: string; name: string | undefined; lines: string[] }[]>((all, line) => {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) all.push({ from: from[1]!, name: from[2], lines: [] });
    else all.at(-1)?.lines.push(line.trim());
    return all;
  }, []);
const runtime = stages.at(-1)!;

describe('Dockerfile', () => {
  it('is multi-stage: a dependency layer from package*.json alone, a build, a runtime', () => {
    expect(stages.length).toBeGreaterThanOrEqual(3);
    const deps = stages[0]!;
    // The first npm ci sees only the manifest and the lock file, so its layer survives source changes.
    const copies = deps.lines.filter((line) => line.startsWith('COPY'));
    expect(copies).toEqual(['COPY package.json package-lock.json ./']);
    expect(deps.lines.some((line) => line.startsWith('RUN npm ci'))).toBe(true);
    // postinstall builds from sources; the stages before them must not run it.
    for (const stage of stages) for (const line of stage.lines.filter((l) => l.includes('npm ci'))) expect(line).toContain('--ignore-scripts');
    // The sources arrive in a later stage than the dependency layer.
    expect(stages.slice(1).some((stage) => stage.lines.some((line) => line === 'COPY . .'))).toBe(true);
  });

  it('builds what postinstall builds, except the embedded-database templates', () => {
    // Written out in the build stage (postinstall needs the sources, which the dependency layer lacks): a step
    // added to postinstall or build:api must be added there too.
    const { scripts } = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    const apiSteps = scripts['build:api']!.split(' && ').filter((step) => !step.includes('build-pglite-template'));
    const expected = scripts.postinstall!.replace('npm run build:api', apiSteps.join(' && '));
    const build = stages.find((stage) => stage.name === 'build');
    expect(build?.lines).toContain(`RUN ${expected}`);
  });

  it('runs a current LTS Node, with production dependencies only and no embedded-database templates', () => {
    const image = /ARG NODE_IMAGE=node:(\d+)-/.exec(read('Dockerfile'));
    expect(['22', '24']).toContain(image?.[1]);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the Dockerfile's own ARG reference, written as it is there.
    expect(runtime.from).toBe('${NODE_IMAGE}');
    expect(runtime.lines.some((line) => line.includes('npm ci'))).toBe(false);
    const runtimeDeps = stages.find((stage) => runtime.lines.some((line) => line.startsWith(`COPY --from=${stage.name} /app/node_modules`)));
    expect(runtimeDeps?.lines).toContain('RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund');
    const text = runtime.lines.join('\n');
    expect(text).not.toMatch(/pglite-(demo-)?template/);
    expect(stages.flatMap((stage) => stage.lines).join('\n')).not.toContain('build-pglite-template');
    expect(runtime.lines).not.toContain('COPY . .');
  });

  it('runs as the unprivileged node user', () => {
    const users = runtime.lines.filter((line) => line.startsWith('USER '));
    expect(users.at(-1)).toBe('USER node');
    // Everything after the last USER runs as that user; the data volume must be theirs.
    expect(text(runtime)).toContain('chown node:node /data');
  });

  it('has a healthcheck on /ready with a start period, and node as the process that gets SIGTERM', () => {
    const healthcheck = runtime.lines.find((line) => line.startsWith('HEALTHCHECK'));
    expect(healthcheck).toMatch(/--start-period=\d+s/);
    expect(healthcheck).toContain('/ready');
    const cmd = runtime.lines.find((line) => line.startsWith('CMD'));
    expect(cmd).toContain('exec node dist/api/main.js');
    expect(cmd).not.toMatch(/\bnpm\b/);
  });
});

function text(stage: { lines: string[] }): string {
  return stage.lines.join('\n');
}

describe('package.json', () => {
  const pkg = JSON.parse(read('package.json')) as { engines: { node: string }; scripts: Record<string, string> };

  it('allows the Node of these machines and of the image', () => {
    expect(pkg.engines.node).toBe('>=20.19');
  });

  it('npm start execs node, so SIGTERM to npm reaches the server instead of orphaning it', () => {
    expect(pkg.scripts.start).toBe('exec node dist/api/main.js');
  });
});

describe('docker-compose.yml', () => {
  const { postgres, redis, api } = compose.services;
  const env = api!.environment!;
  const resolved = Object.fromEntries(Object.entries(env).map(([key, value]) => [key, interpolate(value)]));

  it('has PostgreSQL, Redis and the API, the API starting once both are healthy', () => {
    expect(postgres?.image).toMatch(/^postgres:/);
    expect(redis?.image).toMatch(/^redis:/);
    expect(api?.build).toBe('.');
    expect(postgres?.healthcheck?.test.join(' ')).toContain('pg_isready');
    expect(redis?.healthcheck?.test.join(' ')).toContain('ping');
    expect(api?.depends_on).toEqual({ postgres: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
    expect(api?.ports).toEqual(['127.0.0.1:4000:4000']);
  });

  it('passes every setting of the README configuration table to the API', () => {
    expect(documented.length).toBeGreaterThan(30);
    expect(documented).toContain('DATABASE_WAIT_SECONDS');
    expect(documented.filter((name) => !(name in env))).toEqual([]);
  });

  it('takes the secrets from the environment: no password or key is written in the file', () => {
    expect(postgres!.environment!.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?/);
    expect(env.DATABASE_URL).toContain('${POSTGRES_PASSWORD:?');
    expect(env.JWT_SECRET).toMatch(/^\$\{JWT_SECRET:\?/);
    for (const name of ['METRICS_TOKEN', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'TELEGRAM_BOT_TOKEN', 'TELEGRAM_WEBHOOK_SECRET', 'DEMO_PASSWORD']) {
      expect(env[name]).toBe(`\${${name}:-}`);
    }
  });

  it('points the API at those services with settings its config accepts', () => {
    const database = new URL(resolved.DATABASE_URL!);
    expect(database.hostname).toBe('postgres');
    expect(database.username).toBe(postgres!.environment!.POSTGRES_USER);
    expect(database.password).toBe(SECRETS.POSTGRES_PASSWORD);
    expect(database.pathname).toBe(`/${postgres!.environment!.POSTGRES_DB}`);
    expect(new URL(resolved.REDIS_URL!).hostname).toBe('redis');
    const config = loadConfig(resolved);
    expect(config).toMatchObject({ host: '0.0.0.0', port: 4000, databaseUrl: resolved.DATABASE_URL, redisUrl: 'redis://redis:6379', dataDir: '/data' });
    expect(config).toMatchObject({ production: true, s3: undefined, metricsToken: undefined, redisPrefix: 'juan365:', databaseWaitMs: 30_000 });
  });

  it('passes what an operator sets: METRICS_TOKEN, the S3 settings, REDIS_PREFIX', () => {
    const operator = {
      METRICS_TOKEN: 'a-token-of-sixteen-plus',
      S3_BUCKET: 'files',
      S3_ENDPOINT: 'http://minio:9000',
      S3_ACCESS_KEY_ID: 'key',
      S3_SECRET_ACCESS_KEY: 'secret',
      S3_FORCE_PATH_STYLE: 'true',
      REDIS_PREFIX: 'staging:',
    };
    const withOperator = Object.fromEntries(
      Object.entries(env).map(([key, value]) => [
        key,
        value === `\${${key}:-}` && key in operator ? operator[key as keyof typeof operator] : interpolate(value),
      ]),
    );
    expect(loadConfig(withOperator)).toMatchObject({
      metricsToken: operator.METRICS_TOKEN,
      s3: { bucket: 'files', endpoint: 'http://minio:9000', accessKeyId: 'key', secretAccessKey: 'secret', forcePathStyle: true },
      redisPrefix: 'staging:',
    });
  });

  it('declares the volumes it mounts', () => {
    expect(Object.keys(compose.volumes).sort()).toEqual(['pgdata', 'uploads']);
  });
});
