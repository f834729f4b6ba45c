// No Docker engine runs here, so the compose file is checked by reading it: well-formed, wired together, and
// configuring the API only with variables its config accepts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../api/src/config.ts';

type Service = {
  image?: string;
  build?: string;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  ports?: string[];
};
const compose = parse(readFileSync(new URL('../docker-compose.yml', import.meta.url), 'utf8')) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};

describe('docker-compose.yml', () => {
  const { postgres, redis, api } = compose.services;

  it('has PostgreSQL, Redis and the API, the API starting once both are healthy', () => {
    expect(postgres?.image).toMatch(/^postgres:/);
    expect(redis?.image).toMatch(/^redis:/);
    expect(api?.build).toBe('.');
    expect(postgres?.healthcheck?.test.join(' ')).toContain('pg_isready');
    expect(redis?.healthcheck?.test.join(' ')).toContain('ping');
    expect(api?.depends_on).toEqual({ postgres: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
    expect(api?.ports).toContain('4000:4000');
  });

  it('points the API at those services with settings its config accepts', () => {
    const env = api!.environment!;
    const database = new URL(env.DATABASE_URL!);
    expect(database.hostname).toBe('postgres');
    expect(database.username).toBe(postgres!.environment!.POSTGRES_USER);
    expect(database.pathname).toBe(`/${postgres!.environment!.POSTGRES_DB}`);
    expect(new URL(env.REDIS_URL!).hostname).toBe('redis');
    // Interpolated values as compose would give them with the required JWT_SECRET set and the rest unset.
    const resolved = Object.fromEntries(
      Object.entries(env).map(([key, value]) => [
        key,
        value.replace(/\$\{([A-Z_]+)(?::[?-]([^}]*))?\}/g, (_match, name: string, fallback = '') =>
          name === 'JWT_SECRET' ? 'a-secret-of-at-least-thirty-two-characters' : fallback.startsWith('set ') ? '' : fallback,
        ),
      ]),
    );
    const config = loadConfig(resolved);
    expect(config).toMatchObject({ host: '0.0.0.0', port: 4000, databaseUrl: env.DATABASE_URL, redisUrl: env.REDIS_URL, dataDir: '/data' });
  });

  it('declares the volumes it mounts', () => {
    expect(Object.keys(compose.volumes).sort()).toEqual(['pgdata', 'uploads']);
  });
});
