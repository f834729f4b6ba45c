// Starts the real app once for every e2e file: buildApp from api/src/app.ts on a random port, embedded PGlite
// in a fresh temporary DATA_DIR, the demo accounts and month of tickets. It serves web/dist, which CI builds;
// when it is missing the client is built once here so `npm run test:e2e` works on its own.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { buildApp } from '../../api/src/app.ts';
import { loadConfig } from '../../api/src/config.ts';
import { createLogger } from '../../api/src/logger.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SEED_TIMEOUT_MS = 120_000;

declare module 'vitest' {
  export interface ProvidedContext {
    /** The app's origin, e.g. http://127.0.0.1:41234 (the page at `/`, GraphQL at `/graphql`). */
    baseUrl: string;
    demoPassword: string;
  }
}

export default async function setup(project: TestProject) {
  if (!existsSync(path.join(ROOT, 'web/dist/index.html'))) {
    console.log('e2e: web/dist is missing, running `npm run build:web` once');
    execFileSync('npm', ['run', 'build:web'], { cwd: ROOT, stdio: 'inherit' });
  }

  const dataDir = await mkdtemp(path.join(tmpdir(), 'juan365-e2e-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    SEED_DEMO_DATA: 'true',
    LOG_LEVEL: 'warn',
  });

  // The demo tickets are seeded after the server listens: the tests wait for the seed's own report of it.
  const base = createLogger(config.logLevel);
  let seeded: () => void = () => {};
  let seedFailed: (reason: unknown) => void = () => {};
  const ticketsSeeded = new Promise<void>((resolve, reject) => {
    seeded = resolve;
    seedFailed = reject;
  });
  const logger = {
    ...base,
    info(...args: unknown[]) {
      if (args.some((arg) => typeof arg === 'string' && arg.includes('seeded demo tickets'))) seeded();
      base.info(...args);
    },
    error(...args: unknown[]) {
      if (args.some((arg) => typeof arg === 'string' && arg.startsWith('seeding the demo tickets failed'))) seedFailed(args);
      base.error(...args);
    },
  };

  const app = await buildApp(config, { logger });
  const { url } = await app.start();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      ticketsSeeded,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no demo tickets after ${SEED_TIMEOUT_MS} ms`)), SEED_TIMEOUT_MS);
      }),
    ]);
  } catch (error) {
    await app.stop();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  } finally {
    clearTimeout(timer);
  }

  const baseUrl = new URL(url).origin;
  console.log(`e2e: app on ${baseUrl} (data in ${dataDir})`);
  project.provide('baseUrl', baseUrl);
  project.provide('demoPassword', config.demoPassword);

  return async () => {
    await app.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
