// Starts the server once for every e2e file, as people run it: the built bundle (`node <build>/main.js`, built
// from the current source by scripts/build-api.mjs, see api/test/support/built-server.ts) as its own process on a
// random port, embedded PGlite in a fresh temporary DATA_DIR with the demo accounts and month of tickets. It
// serves web/dist, which CI builds; when it is missing the client is built once here so `npm run test:e2e` works
// on its own.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { BUILT_DEMO_PASSWORD, cleanUpBuiltServers, startBuiltServer, waitForOutput } from '../../api/test/support/built-server.ts';

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

  // Always embedded, whatever DATABASE_URL the shell has: the e2e tests read the demo month.
  // Every browser comes from one address here: the per-address registration limit (5 an hour) would refuse the
  // accounts the tests register, so the end-to-end server allows more. Webhooks may reach loopback: the
  // integrations test's receiver listens on 127.0.0.1.
  const server = await startBuiltServer({
    embedded: true,
    env: { REGISTRATIONS_PER_ADDRESS_PER_HOUR: '1000', REGISTRATIONS_PER_HOUR: '1000', WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' },
  });
  try {
    // A new data directory adopts the demo template before listening; a start without one seeds the tickets after.
    await waitForOutput(server, 'seeded demo tickets', SEED_TIMEOUT_MS);
  } catch (error) {
    await server.stop();
    await cleanUpBuiltServers();
    throw error;
  }

  console.log(`e2e: built server on ${server.origin}`);
  project.provide('baseUrl', server.origin);
  project.provide('demoPassword', BUILT_DEMO_PASSWORD);

  return async () => {
    const { code } = await server.stop();
    await cleanUpBuiltServers();
    if (code !== 0) throw new Error(`the built server exited with ${code} on SIGTERM:\n${server.output().slice(-4000)}`);
  };
}
